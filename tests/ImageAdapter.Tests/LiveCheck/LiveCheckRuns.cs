using FireworksSimulator;
using ImageAdapter.LiveCheck;

namespace ImageAdapter.Tests.LiveCheck;

/// <summary>
/// One live check whose "Fireworks" is a second simulator: with its own key (to prove no key reaches the report),
/// optionally behind a handler that alters what it answers.
/// </summary>
public sealed class LiveCheckRuns : IAsyncDisposable
{
    public const string TargetKey = "fw-livecheck-target-secret-7c1d";

    private LiveCheckRuns(SimulatorServer target) => Target = target;

    public SimulatorServer Target { get; }

    internal RunReport Report { get; private set; } = null!;

    public string ReportText { get; private set; } = "";

    /// <param name="targetHost">The host name the check uses for the target (its address stays 127.0.0.1).</param>
    internal static async Task<LiveCheckRuns> RunAsync(
        HttpMessageHandler? handler = null, decimal budget = 0.25m, Action<SimulatorState>? prepare = null, string targetHost = "127.0.0.1")
    {
        var target = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKeys = [TargetKey] });
        prepare?.Invoke(target.State);
        var runs = new LiveCheckRuns(target);
        var options = new LiveCheckOptions
        {
            BaseUrl = new UriBuilder(target.BaseUrl) { Host = targetHost }.Uri,
            ApiKey = TargetKey,
            Budget = budget,
            TargetSimulator = target.State,
            TargetHandler = handler,
            PollInterval = TimeSpan.FromMilliseconds(20),
        };
        runs.Report = await LiveCheckRun.RunAsync(options, TextWriter.Null, TestContext.Current.CancellationToken);
        runs.ReportText = ReportWriter.Write(runs.Report);
        return runs;
    }

    internal Finding Fact(string probe, string facet) =>
        Report.Probes.Single(result => result.Probe.Name == probe).Findings.Single(finding => finding.Facet == facet);

    internal ProbeResult Probe(string name) => Report.Probes.Single(result => result.Probe.Name == name);

    public ValueTask DisposeAsync() => Target.DisposeAsync();
}
