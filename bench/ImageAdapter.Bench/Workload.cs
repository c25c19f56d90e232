using System.Text;

namespace ImageAdapter.Bench;

/// <summary>
/// One generation workload, and the equivalent request for each target: direct and YARP send the Fireworks call the
/// adapter itself makes for it; the floor and the adapter (in any host) get the OpenAI request.
/// </summary>
internal sealed record Workload(string Name, string Model, int N, bool IsFlux)
{
    public const string Prompt = "a lighthouse on a cliff at dusk, oil painting";
    public const string FireworksKey = "fw-test-key";
    public const string AdapterKey = "bench-key";

    // Run in this order, the n=1 workloads first: a process keeps the pooled buffers of its largest answers, so an
    // n=1 cell measured after the n=4 ones would report the n=4 answers' memory as its own.
    public static readonly IReadOnlyList<Workload> All =
    [
        new("SDXL 1024x1024 PNG, n=1", "stable-diffusion-xl-1024-v1-0", 1, false),
        new("FLUX schnell 1024x1024 PNG, n=1", "flux-1-schnell-fp8", 1, true),
        new("SDXL 1024x1024 PNG, n=4", "stable-diffusion-xl-1024-v1-0", 4, false),
    ];

    /// <summary>The short name for <c>load --workload</c>: sdxl-n1, sdxl-n4, flux-n1.</summary>
    public string Id => $"{(IsFlux ? "flux" : "sdxl")}-n{N}";

    public RequestTemplate For(TargetKind target) => target.TakesOpenAiRequest() ? AdapterRequest() : FireworksRequest();

    /// <summary>What the adapter sends: SDXL <c>samples = n</c> (binary for 1, JSON array otherwise); FLUX one call per image.</summary>
    private RequestTemplate FireworksRequest()
    {
        var body = IsFlux ? $$"""{"prompt":"{{Prompt}}"}""" : $$"""{"prompt":"{{Prompt}}","samples":{{N}}}""";
        var accept = N == 1 ? "image/png" : "application/json";
        return new RequestTemplate(FireworksPath(Model, IsFlux), Encoding.UTF8.GetBytes(body), accept, FireworksKey);
    }

    /// <summary>The Fireworks endpoint for a model, shared with the floor so that both make the same call.</summary>
    public static string FireworksPath(string model, bool isFlux) => isFlux
        ? $"/inference/v1/workflows/accounts/fireworks/models/{model}/text_to_image"
        : $"/inference/v1/image_generation/accounts/fireworks/models/{model}";

    public RequestTemplate AdapterRequest()
    {
        var body = $$"""{"model":"{{Model}}","prompt":"{{Prompt}}","n":{{N}}}""";
        return new RequestTemplate(AdapterRoutes.Generations, Encoding.UTF8.GetBytes(body), "application/json", AdapterKey);
    }
}
