using System.Globalization;

namespace ImageAdapter.Bench;

/// <summary>Command-line settings of one benchmark run.</summary>
internal sealed record BenchOptions(
    TimeSpan Duration,
    TimeSpan WarmUp,
    TimeSpan Soak,
    string OutputPath,
    IReadOnlyList<int> Clients,
    string? RepoRoot,
    bool SkipBuild,
    int AllocationRequests,
    int Startups)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/ImageAdapter.Bench -- [options]
          --duration 8s        measured time per target, workload and concurrency (default 8s)
          --warmup 2s          warm-up before each measurement (default 2s)
          --clients 1,16,64    concurrent clients (default 1,16,64)
          --soak 5m            also run the working-set soak (adapter, SDXL n=1, 16 clients); default off
          --out bench/results.md
          --alloc-requests 100 requests per workload for allocated bytes per request (default 100)
          --startups 3         adapter starts timed for start-to-first-response (default 3, median reported)
          --repo PATH          repository root (default: found from the working directory)
          --no-build           use existing Release builds of the server and simulator
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(
            TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(2), TimeSpan.Zero, "bench/results.md", [1, 16, 64], null, false, 100, 3);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--duration" => options with { Duration = ParseDuration(Next()) },
                "--warmup" => options with { WarmUp = ParseDuration(Next()) },
                "--soak" => options with { Soak = ParseDuration(Next()) },
                "--out" => options with { OutputPath = Next() },
                "--clients" => options with { Clients = Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray() },
                "--repo" => options with { RepoRoot = Next() },
                "--no-build" => options with { SkipBuild = true },
                "--alloc-requests" => options with { AllocationRequests = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--startups" => options with { Startups = int.Parse(Next(), CultureInfo.InvariantCulture) },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }

    /// <summary>Reads <c>500ms</c>, <c>10s</c>, <c>5m</c> or a plain number of seconds.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        return text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(Number(text[..^2])),
            _ when text.EndsWith('s') => TimeSpan.FromSeconds(Number(text[..^1])),
            _ when text.EndsWith('m') => TimeSpan.FromMinutes(Number(text[..^1])),
            _ => TimeSpan.FromSeconds(Number(text)),
        };
    }
}
