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

    // The report's order; BenchRun measures them in MeasuringOrder.
    public static readonly IReadOnlyList<Workload> All =
    [
        new("SDXL 1024x1024 PNG, n=1", "stable-diffusion-xl-1024-v1-0", 1, false),
        new("FLUX schnell 1024x1024 PNG, n=1", "flux-1-schnell-fp8", 1, true),
        new("SDXL 1024x1024 PNG, n=4", "stable-diffusion-xl-1024-v1-0", 4, false),
    ];

    /// <summary>
    /// The cells in the order they are measured. A process keeps the memory of its largest moment (pooled buffers, a
    /// grown heap), so a cell measured after a larger one would report that one's memory as its own. Hence the n=1
    /// workloads first, both at each concurrency before the next higher one (a 16-client cell never follows a
    /// 64-client one), then n=4, whose answers' buffers are four times an n=1 one.
    /// </summary>
    public static IEnumerable<(Workload Workload, int Clients)> MeasuringOrder(IReadOnlyList<int> clients) =>
        (from c in clients.Order() from w in All where w.N == 1 select (w, c))
            .Concat(from w in All where w.N > 1 from c in clients.Order() select (w, c));

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
