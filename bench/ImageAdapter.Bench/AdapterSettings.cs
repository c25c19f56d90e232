namespace ImageAdapter.Bench;

/// <summary>
/// The adapter's settings for the benchmark, given as environment variables to the server processes and, as app
/// settings, to the Functions host (which passes them on to its worker). Anything else set in the bench's own
/// environment (for example a concurrency limit) reaches those processes unchanged. The log level is not among them:
/// <see cref="TargetProcess"/> sets it for every process it starts. <c>DOTNET_GCgen0size</c> is the one runtime
/// setting among them: the runtime reads it from the environment only, so the servers get it here, as a deployment gives
/// it (infra/app/function.bicep, and the README for the standalone server), and not from their runtimeconfig.
/// </summary>
internal static class AdapterSettings
{
    public static IReadOnlyDictionary<string, string> AsEnvironment(Uri simulatorOrigin) => new Dictionary<string, string>
    {
        ["Fireworks__BaseUrl"] = new Uri(simulatorOrigin, "/inference/v1").AbsoluteUri,
        ["Fireworks__ApiKey"] = Workload.FireworksKey,
        ["Auth__ApiKeys"] = Workload.AdapterKey,
        ["DOTNET_GCgen0size"] = "0x1000000",
    };
}
