namespace ImageAdapter.Catalogue;

/// <summary>
/// The Fireworks image models the adapter knows without configuration. Adding a model is one row here
/// (or one <c>Models__Additional__N__*</c> setting), never a new branch in code.
/// </summary>
public static class BuiltInModels
{
    // Fireworks' published prices and default steps, checked 2026-11-30; sources in the README (Model catalogue).
    // fireworks.ai/pricing bills "image generation models like SDXL" per step, so every SDXL-class row takes SDXL's.
    private static readonly ModelPrice Sdxl = ModelPrice.PerStep(0.00013m, 50);

    public static IReadOnlyList<ModelEntry> All { get; } =
    [
        new("accounts/fireworks/models/stable-diffusion-xl-1024-v1-0", ApiFamily.ImageGeneration, Sdxl),
        new("accounts/fireworks/models/playground-v2-1024px-aesthetic", ApiFamily.ImageGeneration, Sdxl),
        new("accounts/fireworks/models/playground-v2-5-1024px-aesthetic", ApiFamily.ImageGeneration, Sdxl),
        new("accounts/fireworks/models/SSD-1B", ApiFamily.ImageGeneration, Sdxl),
        new("accounts/fireworks/models/japanese-stable-diffusion-xl", ApiFamily.ImageGeneration, Sdxl),
        new("accounts/fireworks/models/flux-1-schnell-fp8", ApiFamily.FluxWorkflow, ModelPrice.PerStep(0.00035m, 4)),
        new("accounts/fireworks/models/flux-1-dev-fp8", ApiFamily.FluxWorkflow, ModelPrice.PerStep(0.0005m, 28)),
        new("accounts/fireworks/models/flux-kontext-pro", ApiFamily.KontextWorkflow, ModelPrice.PerImage(0.04m)),
        new("accounts/fireworks/models/flux-kontext-max", ApiFamily.KontextWorkflow, ModelPrice.PerImage(0.08m)),
    ];
}
