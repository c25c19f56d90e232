using System.Globalization;
using System.Text;

namespace ImageAdapter.LiveCheck;

/// <summary>
/// The markdown report: a header with the counts and the cost, the facts that differ or stay unknown, then per probe
/// the exact request Fireworks received and every compared fact.
/// </summary>
internal static class ReportWriter
{
    private const int MaxBody = 2000;

    public static string Write(RunReport report)
    {
        var text = new StringBuilder();
        text.AppendLine("# Fireworks live check").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Run {report.Started:yyyy-MM-dd HH:mm} UTC against `{report.Upstream}`, compared with the Fireworks simulator.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- **{report.Count(Verdict.Pass)} pass, {report.Count(Verdict.Differs)} differ, {report.Count(Verdict.Unknown)} unknown.**");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- Estimated cost: ${report.Budget.Spent:0.0000} of the ${report.Budget.Limit:0.00} budget (estimates from `tools/LiveCheck/PriceTable.cs`; calls Fireworks refused count as free).");
        text.AppendLine("- No key is in this report: each `Authorization` header is written `Bearer [redacted]`.");
        text.AppendLine("- Please attach this file to an issue titled \"Live check report\" in the ImageAdapter tracker.").AppendLine();

        var open = report.Probes.SelectMany(probe => probe.Findings.Select(finding => (probe.Probe.Name, Finding: finding)))
            .Concat(report.General.Select(finding => (Name: "general", Finding: finding)))
            .Where(row => row.Finding.Verdict != Verdict.Pass)
            .ToArray();
        text.AppendLine("## What differs or is unknown").AppendLine();
        if (open.Length == 0)
        {
            text.AppendLine("Nothing: every fact matches the simulator.").AppendLine();
        }
        else
        {
            text.AppendLine("| probe | fact | verdict | Fireworks | simulator | note |").AppendLine("|---|---|---|---|---|---|");
            foreach (var (name, finding) in open)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(name)} | {Row(finding)}");
            }

            text.AppendLine();
        }

        foreach (var probe in report.Probes)
        {
            WriteProbe(text, probe);
        }

        text.AppendLine("## General").AppendLine();
        Table(text, report.General);
        return text.ToString();
    }

    private static void WriteProbe(StringBuilder text, ProbeResult result)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"## {result.Probe.Name}").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Estimate ${result.Probe.Estimate:0.0000}, counted ${result.Charged:0.0000}{(result.Skipped is null ? "" : $"; skipped: {result.Skipped}")}.").AppendLine();
        if (result.Request is { } request)
        {
            text.AppendLine("Request Fireworks received:").AppendLine().AppendLine("```http");
            text.AppendLine(CultureInfo.InvariantCulture, $"{request.Method} {request.Path}");
            foreach (var (name, value) in request.RequestHeaders)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{name}: {value}");
            }

            var body = request.RequestText;
            text.AppendLine().AppendLine(body.Length <= MaxBody ? body : body[..MaxBody] + "…").AppendLine("```").AppendLine();
        }

        Table(text, result.Findings);
    }

    private static void Table(StringBuilder text, IEnumerable<Finding> findings)
    {
        text.AppendLine("| fact | verdict | Fireworks | simulator | note |").AppendLine("|---|---|---|---|---|");
        foreach (var finding in findings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {Row(finding)}");
        }

        text.AppendLine();
    }

    private static string Row(Finding finding) =>
        $"{Cell(finding.Facet)} | {Label(finding.Verdict)} | {Cell(finding.Fireworks)} | {Cell(finding.Simulator)} | {Cell(finding.Note ?? "")} |";

    public static string Label(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Differs => "**differs**",
        _ => "unknown",
    };

    private static string Cell(string value)
    {
        var flat = value.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
        return flat.Length <= 400 ? flat : flat[..400] + "…";
    }
}
