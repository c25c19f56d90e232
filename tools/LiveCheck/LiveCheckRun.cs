using FireworksSimulator;

namespace ImageAdapter.LiveCheck;

/// <summary>
/// Runs every probe against the upstream under check and against the in-process reference simulator, each through its
/// own pass-through and adapter, within the budget, and compares what came back.
/// </summary>
internal static class LiveCheckRun
{
    public static async Task<RunReport> RunAsync(LiveCheckOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var budget = new CostBudget(options.Budget);
        await using var simulator = await SimulatorServer.StartAsync(cancellationToken: cancellationToken);
        await using var reference = await UpstreamUnderCheck.StartAsync(
            simulator.BaseUrl, SimulatorOptions.DefaultApiKey, simulator.State, null, options, cancellationToken);
        await using var target = await UpstreamUnderCheck.StartAsync(
            options.BaseUrl, options.ApiKey, options.TargetSimulator, options.TargetHandler, options, cancellationToken);

        var results = new List<ProbeResult>();
        var targetOutcomes = new Dictionary<string, ProbeOutcome>(StringComparer.Ordinal);
        foreach (var probe in ProbeSet.For(options))
        {
            if (probe.ServedCheck is { } check && targetOutcomes.GetValueOrDefault(check)?.Main?.Status == 404)
            {
                results.Add(Skip(probe, $"Fireworks answered 404 to \"{check}\": the model is not served to this account"));
                continue;
            }

            if (!budget.TryReserve(probe.Estimate))
            {
                results.Add(Skip(probe, $"its estimate ${probe.Estimate:0.0000} exceeds the ${budget.Remaining:0.0000} left of the budget"));
                continue;
            }

            await progress.WriteLineAsync($"{probe.Name} (estimate ${probe.Estimate:0.0000})");
            var fireworks = await target.RunAsync(probe, cancellationToken);
            var charged = probe.Estimate;
            if (fireworks.Main is not { Succeeded: true })
            {
                // Refused or never answered: nothing was generated, so nothing was billed.
                budget.Refund(charged);
                charged = 0;
            }

            targetOutcomes[probe.Name] = fireworks;
            var expected = await reference.RunAsync(probe, cancellationToken);
            results.Add(new ProbeResult(probe, ProbeFindings.For(probe, fireworks, target.Upstream, expected, reference.Upstream), fireworks.Main, charged));
        }

        return new RunReport(started, options.BaseUrl, budget, results, [RateLimitFinding(targetOutcomes.Values)]);
    }

    private static ProbeResult Skip(Probe probe, string reason) =>
        new(probe, [new Finding("(skipped)", Verdict.Unknown, reason, "not run")], null, 0, reason);

    /// <summary>Whether a 429 carried <c>Retry-After</c> can only be seen when one happens; the simulator can send either.</summary>
    private static Finding RateLimitFinding(IEnumerable<ProbeOutcome> outcomes)
    {
        var limited = outcomes.SelectMany(outcome => outcome.Exchanges).Where(exchange => exchange.Status == 429).ToArray();
        if (limited.Length == 0)
        {
            return new Finding("429 Retry-After", Verdict.Unknown, "no 429 seen", "sent when a fault sets it");
        }

        var withHeader = limited.Count(exchange => exchange.ResponseHeader("Retry-After") is not null);
        return new Finding("429 Retry-After", Verdict.Pass, $"{withHeader} of {limited.Length} 429s carried Retry-After", "sent when a fault sets it",
            "the adapter retries a generation call only with Retry-After");
    }
}
