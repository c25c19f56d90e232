namespace ImageAdapter.Bench;

/// <summary>
/// The adapter's settings for the benchmark, the same for the server process (as environment variables) and the
/// in-process host (as configuration). Anything else set in the bench's own environment (for example a
/// concurrency limit) reaches the server process unchanged.
/// </summary>
internal static class AdapterSettings
{
    public static IReadOnlyDictionary<string, string> For(Uri simulatorOrigin) => new Dictionary<string, string>
    {
        ["Fireworks:BaseUrl"] = new Uri(simulatorOrigin, "/inference/v1").AbsoluteUri,
        ["Fireworks:ApiKey"] = Workload.FireworksKey,
        ["Auth:ApiKeys"] = Workload.AdapterKey,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public static IReadOnlyDictionary<string, string> AsEnvironment(Uri simulatorOrigin) =>
        For(simulatorOrigin).ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
}
