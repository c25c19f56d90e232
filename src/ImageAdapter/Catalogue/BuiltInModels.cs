namespace ImageAdapter.Catalogue;

/// <summary>
/// The Fireworks image models the adapter knows without configuration. Adding a model is one row here
/// (or one <c>Models__Additional__N__*</c> setting), never a new branch in code.
/// </summary>
public static class BuiltInModels
{
    public static IReadOnlyList<ModelEntry> All { get; } =
    [
        new("accounts/fireworks/models/stable-diffusion-xl-1024-v1-0", ApiFamily.ImageGeneration),
        new("accounts/fireworks/models/playground-v2-1024px-aesthetic", ApiFamily.ImageGeneration),
        new("accounts/fireworks/models/playground-v2-5-1024px-aesthetic", ApiFamily.ImageGeneration),
        new("accounts/fireworks/models/SSD-1B", ApiFamily.ImageGeneration),
        new("accounts/fireworks/models/japanese-stable-diffusion-xl", ApiFamily.ImageGeneration),
        new("accounts/fireworks/models/flux-1-schnell-fp8", ApiFamily.FluxWorkflow),
        new("accounts/fireworks/models/flux-1-dev-fp8", ApiFamily.FluxWorkflow),
        new("accounts/fireworks/models/flux-kontext-pro", ApiFamily.KontextWorkflow),
        new("accounts/fireworks/models/flux-kontext-max", ApiFamily.KontextWorkflow),
    ];
}
