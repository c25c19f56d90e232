namespace ImageAdapter.LiveCheck;

/// <summary>One probe's place in the report: its findings, the request Fireworks received, its estimate, or why it was skipped.</summary>
internal sealed record ProbeResult(Probe Probe, IReadOnlyList<Finding> Findings, RecordedExchange? Request, decimal Charged, string? Skipped = null);

/// <summary>Everything a run found; <see cref="ReportWriter"/> turns it into markdown.</summary>
internal sealed record RunReport(DateTimeOffset Started, Uri Upstream, CostBudget Budget, IReadOnlyList<ProbeResult> Probes, IReadOnlyList<Finding> General)
{
    public IEnumerable<Finding> AllFindings => Probes.SelectMany(probe => probe.Findings).Concat(General);

    public int Count(Verdict verdict) => AllFindings.Count(finding => finding.Verdict == verdict);
}
