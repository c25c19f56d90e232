namespace ImageAdapter.Bench;

/// <summary>
/// <c>perfdiff A.txt@REQUESTS [A2.txt@REQUESTS …] [--versus B.txt@REQUESTS …] [--top N]</c>: where a serving process's
/// CPU goes per request, from <see cref="PerfReport"/>s of its load windows, and with <c>--versus</c> how it differs
/// from another target measured in alternating windows (bench/README, "By hand: `perfdiff`"). Each report is
/// followed by the 200 answers its window counted. Samples are given per 1000 requests: at <c>perf record -F 997</c>
/// one sample per 1000 requests is about 1 µs of CPU per request.
/// </summary>
internal static class PerfDiffCommand
{
    private const string Usage = "usage: perfdiff REPORT@REQUESTS [REPORT@REQUESTS ...] [--versus REPORT@REQUESTS ...] [--top N]" +
        " (REPORT from perf report --sort dso,sym -n --stdio)";

    public static int Run(string[] args)
    {
        var top = 15;
        var sides = new List<List<string>> { new() };
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--versus" when sides.Count == 1:
                    sides.Add([]);
                    break;
                case "--top" when i + 1 < args.Length && int.TryParse(args[i + 1], out var count) && count > 0:
                    top = count;
                    i++;
                    break;
                default:
                    sides[^1].Add(args[i]);
                    break;
            }
        }

        var measured = sides.Select(Read).ToList();
        if (measured.Any(side => side is null))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var (a, b) = (measured[0]!, measured.Count > 1 ? measured[1] : null);
        Console.WriteLine($"samples per 1000 requests; A: {a.Requests} requests, {a.PerThousand(a.Report.Total):F0}" +
            (b is null ? "" : $"; B: {b.Requests} requests, {b.PerThousand(b.Report.Total):F0}; A-B {a.PerThousand(a.Report.Total) - b.PerThousand(b.Report.Total):+0;-0}"));
        PrintRows("where", a, b, side => side.Report.ByGroup(), top: null, atLeast: 1.0);
        PrintRows("symbol", a, b, side => side.Report.Samples.ToDictionary(pair => $"{pair.Key.Group}: {pair.Key.Name}", pair => pair.Value), top, atLeast: 0);
        return 0;
    }

    /// <summary>The rows sorted by what A spends over B (by A's alone without B); with B and a <paramref name="top"/>, the top rows each way.</summary>
    private static void PrintRows(string heading, Side a, Side? b, Func<Side, IReadOnlyDictionary<string, long>> rows, int? top, double atLeast)
    {
        var (rowsA, rowsB) = (rows(a), b is null ? null : rows(b));
        var figures = rowsA.Keys.Union(rowsB?.Keys ?? [])
            .Select(key => (Key: key, A: a.PerThousand(rowsA.GetValueOrDefault(key)), B: b?.PerThousand(rowsB!.GetValueOrDefault(key)) ?? 0))
            .Where(row => Math.Max(row.A, row.B) >= atLeast)
            .OrderByDescending(row => row.A - row.B)
            .ToList();
        var shown = top is not { } n || figures.Count <= 2 * n ? figures
            : b is null ? figures.Take(n)
            : figures.Take(n).Concat(figures.TakeLast(n));
        Console.WriteLine();
        Console.WriteLine(b is null ? $"{"A",8}  {heading}" : $"{"A",8} {"B",8} {"A-B",8}  {heading}");
        foreach (var row in shown)
        {
            Console.WriteLine(b is null ? $"{row.A,8:F1}  {row.Key}" : $"{row.A,8:F1} {row.B,8:F1} {row.A - row.B,8:+0.0;-0.0}  {row.Key}");
        }
    }

    private static Side? Read(List<string> reports)
    {
        var windows = reports.Select(Window).ToList();
        if (windows.Count == 0 || windows.Any(window => window is null))
        {
            return null;
        }

        return new Side(
            PerfReport.Sum(windows.Select(window => PerfReport.Parse(File.ReadLines(window!.Value.Path)))),
            windows.Sum(window => window!.Value.Requests));
    }

    // REPORT@REQUESTS: an existing report and the 200 answers of its window; null for anything else.
    private static (string Path, long Requests)? Window(string report) =>
        report.Split('@') is [var path, var count] && File.Exists(path) && long.TryParse(count, out var requests) && requests > 0
            ? (path, requests)
            : null;

    private sealed record Side(PerfReport Report, long Requests)
    {
        public double PerThousand(long samples) => 1000.0 * samples / Requests;
    }
}
