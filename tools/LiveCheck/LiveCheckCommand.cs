using System.Globalization;
using FireworksSimulator;

namespace ImageAdapter.LiveCheck;

/// <summary>
/// <c>livecheck [--budget D] [--out FILE] [--base-url URL] [--sample-hosts H,…] [--flux-steps N] [--sdxl-steps N]
/// [--kontext-model M] [--filter-prompt TEXT] [--simulator]</c>. Without a key (and without <c>--simulator</c>) it says
/// it skipped and succeeds. Exit codes: 0 nothing differs, 1 something differs, 2 bad arguments.
/// </summary>
internal static class LiveCheckCommand
{
    public const int Matches = 0;
    public const int Differs = 1;
    public const int Usage = 2;

    public static async Task<int> RunAsync(string[] args, string? apiKey, TextWriter output, CancellationToken cancellationToken)
    {
        if (!TryParse(args, apiKey ?? "", out var options, out var useSimulator, out var error))
        {
            await output.WriteLineAsync($"livecheck: {error}");
            return Usage;
        }

        if (string.IsNullOrEmpty(apiKey) && !useSimulator)
        {
            await output.WriteLineAsync("Live check skipped: FIREWORKS_API_KEY is not set (use --simulator for a dry run against the simulator).");
            return Matches;
        }

        await using var simulator = useSimulator ? await SimulatorServer.StartAsync(cancellationToken: cancellationToken) : null;
        if (simulator is not null)
        {
            options = options with { BaseUrl = simulator.BaseUrl, ApiKey = SimulatorOptions.DefaultApiKey, TargetSimulator = simulator.State };
        }

        await output.WriteLineAsync($"Live check against {options.BaseUrl} (budget ${options.Budget:0.00})");
        var report = await LiveCheckRun.RunAsync(options, output, cancellationToken);
        var text = ReportWriter.Write(report).Replace(options.ApiKey, RecordedExchange.Redacted, StringComparison.Ordinal);
        await File.WriteAllTextAsync(options.ReportPath, text, cancellationToken);
        await output.WriteLineAsync(
            $"{report.Count(Verdict.Pass)} pass, {report.Count(Verdict.Differs)} differ, {report.Count(Verdict.Unknown)} unknown. " +
            $"Estimated cost ${report.Budget.Spent:0.0000} of ${report.Budget.Limit:0.00} (the tool's own estimates; the adapter has no price table yet).");
        await output.WriteLineAsync($"Report: {Path.GetFullPath(options.ReportPath)}");
        return report.Count(Verdict.Differs) > 0 ? Differs : Matches;
    }

    private static bool TryParse(string[] args, string apiKey, out LiveCheckOptions options, out bool useSimulator, out string error)
    {
        options = new LiveCheckOptions { ApiKey = apiKey };
        useSimulator = false;
        error = "";
        for (var index = 0; index < args.Length; index++)
        {
            if (args[index] == "--simulator")
            {
                useSimulator = true;
                continue;
            }

            if (index + 1 >= args.Length)
            {
                error = $"{args[index]} needs a value, or is not an option.";
                return false;
            }

            var value = args[++index];
            switch (args[index - 1])
            {
                case "--budget" when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var budget) && budget >= 0:
                    options = options with { Budget = budget };
                    break;
                case "--out":
                    options = options with { ReportPath = value };
                    break;
                case "--base-url" when Uri.TryCreate(value, UriKind.Absolute, out var url):
                    options = options with { BaseUrl = url };
                    break;
                case "--sample-hosts":
                    options = options with { SampleHosts = value };
                    break;
                case "--flux-steps" when int.TryParse(value, CultureInfo.InvariantCulture, out var steps) && steps is >= 1 and <= 50:
                    options = options with { FluxSteps = steps };
                    break;
                case "--sdxl-steps" when int.TryParse(value, CultureInfo.InvariantCulture, out var steps) && steps is >= 1 and <= 150:
                    options = options with { SdxlSteps = steps };
                    break;
                case "--kontext-model" when value is "flux-kontext-pro" or "flux-kontext-max":
                    options = options with { KontextModel = value };
                    break;
                case "--filter-prompt" when value.Length > 0:
                    options = options with { FilterPrompt = value };
                    break;
                default:
                    error = $"'{args[index - 1]} {value}' is not a valid option (see tools/LiveCheck/README.md).";
                    return false;
            }
        }

        return true;
    }
}
