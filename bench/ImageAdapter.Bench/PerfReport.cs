using System.Text.RegularExpressions;

namespace ImageAdapter.Bench;

/// <summary>
/// The samples of one <c>perf report --sort dso,sym -n --stdio</c> (a <c>perf record -F HZ -p PID</c> of a serving
/// process during a load window), each charged to where it ran: the kernel, a native library of the runtime, or the
/// managed assembly that declares the method. Unlike an EventPipe trace, <c>perf</c> samples what is on the CPU
/// whatever it runs, so the kernel's socket copies, the GC and the runtime's native code are in it too. Managed methods
/// are named only when the process ran with <c>DOTNET_PerfMapEnabled=1</c>, and with <c>DOTNET_EnableWriteXorExecute=0</c>
/// (with W^X on, jitted code runs from a double mapping that the perf map does not name).
/// </summary>
internal sealed partial record PerfReport(IReadOnlyDictionary<PerfSymbol, long> Samples)
{
    public const string Kernel = "kernel";
    public const string Stubs = "runtime stubs";

    public static PerfReport Parse(IEnumerable<string> lines)
    {
        var samples = new Dictionary<PerfSymbol, long>();
        foreach (var line in lines)
        {
            if (Row().Match(line) is { Success: true } row)
            {
                var symbol = new PerfSymbol(Group(row.Groups["dso"].Value, row.Groups["symbol"].Value), Name(row.Groups["symbol"].Value));
                samples[symbol] = samples.GetValueOrDefault(symbol) + long.Parse(row.Groups["samples"].Value);
            }
        }

        return new PerfReport(samples);
    }

    public static PerfReport Sum(IEnumerable<PerfReport> reports) => new(reports
        .SelectMany(report => report.Samples)
        .GroupBy(pair => pair.Key, pair => pair.Value)
        .ToDictionary(group => group.Key, group => group.Sum()));

    /// <summary>The samples of each group (kernel, library or assembly).</summary>
    public IReadOnlyDictionary<string, long> ByGroup() => Samples
        .GroupBy(pair => pair.Key.Group, pair => pair.Value)
        .ToDictionary(group => group.Key, group => group.Sum());

    public long Total => Samples.Values.Sum();

    // Jitted code: the assembly written before the declaring type, "[Assembly] Namespace.Type::Method". A return or
    // parameter type's assembly has no space after its bracket, "[System.Runtime]System.Memory`1", so it never matches.
    private static string Group(string dso, string symbol) => dso switch
    {
        "[kernel.kallsyms]" => Kernel,
        _ when symbol.StartsWith("stub ", StringComparison.Ordinal) => Stubs,
        _ when dso.StartsWith("[JIT]", StringComparison.Ordinal) || dso.StartsWith("perf-", StringComparison.Ordinal) =>
            DeclaringAssembly().Match(symbol) is { Success: true } declared ? declared.Groups[1].Value : "jitted, unnamed",
        _ => dso,
    };

    // Without the tier the JIT compiled it at: one method is one symbol however often it was rejitted. A library without
    // symbols (the runtime's own) is one symbol, not one per address.
    private static string Name(string symbol) =>
        symbol.StartsWith("0x", StringComparison.Ordinal) ? "(no symbols)" : Tier().Replace(symbol, "").Trim();

    [GeneratedRegex(@"^\s*[\d.]+%\s+(?<samples>\d+)\s+(?<dso>.+?)\s+\[[.k]\]\s+(?<symbol>.+)$")]
    private static partial Regex Row();

    [GeneratedRegex(@"\[([^\]\s]+)\] [^\s:]+::")]
    private static partial Regex DeclaringAssembly();

    [GeneratedRegex(@"\[(OptimizedTier1|OptimizedTier1OSR|Optimized|Tier0|Tier1|QuickJitted|Instrumented[^\]]*|PreJIT)\]$")]
    private static partial Regex Tier();
}

/// <summary>A symbol of a <see cref="PerfReport"/>, with the group it is charged to.</summary>
internal sealed record PerfSymbol(string Group, string Name);
