using System.Globalization;

namespace ImageAdapter.Bench;

/// <summary>Command-line settings of one benchmark run.</summary>
internal sealed record BenchOptions(
    TimeSpan Duration,
    int Rounds,
    TimeSpan WarmUp,
    TimeSpan Prewarm,
    TimeSpan Soak,
    string OutputPath,
    IReadOnlyList<int> Clients,
    string? RepoRoot,
    bool SkipBuild,
    int AllocationRequests,
    int Startups,
    IReadOnlyList<TargetKind> Targets,
    string? FunctionsHost)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/ImageAdapter.Bench -- [options]
          --duration 8s        measured time per target, workload and concurrency, over the rounds (default 8s)
          --rounds 4           windows per target and cell, the targets in order, then in reverse, and so on; ratios
                               between targets are taken round by round and their median judged (default 4)
          --warmup 2s          warm-up before each window (default 2s)
          --prewarm 10s        before a workload's first cell, each target serves it from one client, unmeasured, so
                               that no cell measures a process still compiling its code (default 10s; 0 for none)
          --clients 1,16,64    concurrent clients (default 1,16,64)
          --soak 5m            also run the working-set soak (adapter, SDXL n=1, 16 clients); default off
          --out bench/results.md
          --alloc-requests 100 sequential requests per workload and target for allocated bytes per request (default 100)
          --startups 3         adapter starts timed for start-to-first-response (default 3, median reported)
          --targets LIST       any of direct,yarp,floor-rt,floor,adapter,adapter-info,yarp-server,functions (default: all),
                               in that order; floor is the minimal translation, floor-rt the same with the adapter's runtime
                               settings, adapter-info the adapter at Information logging
          --functions-host DIR folder with the Functions host's build.sh and run.sh (default ../shared/functions-host;
                               Core Tools' `func` is used instead when it is on the PATH)
          --repo PATH          repository root (default: found from the working directory)
          --no-build           use existing Release builds (server, simulator, published Functions app and host)

        dotnet run -c Release --project bench/ImageAdapter.Bench -- load --url http://127.0.0.1:7071 [options]
          closed-loop load on one running adapter (any host), printing throughput and latency:
          --workload sdxl-n1   sdxl-n1, sdxl-n4 or flux-n1 (default sdxl-n1)
          --clients 16 --duration 20s --warmup 2s --key bench-key
          --pids 123,456       also count those processes' allocations in the measured window
          --types 15           with --pids: each process's 15 types that allocated most (sampled by GC allocation ticks)

        dotnet run -c Release --project bench/ImageAdapter.Bench -- stacks TRACE.nettrace [--top 20]
          the share of a CPU-sampling trace (dotnet-trace collect-linux --profile cpu-sampling) spent in each component:
          logging, outgoing HTTP, the host's gRPC to its worker, function invocation, Kestrel and sockets, ...
          --top 20             also the 20 frames the most samples were taken in (exclusive time)

        dotnet run -c Release --project bench/ImageAdapter.Bench -- perfdiff A.txt@REQUESTS [...] [--versus B.txt@REQUESTS ...]
          perf's samples per 1000 requests by kernel, native library and managed assembly, and the symbols that differ most
          (each REPORT from perf report --sort dso,sym -n --stdio of a perf record of one window; REQUESTS its 200 answers)
          --top 15             symbols shown each way
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(
            TimeSpan.FromSeconds(8), 4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.Zero, "bench/results.md", [1, 16, 64], null, false, 100, 3,
            TargetKinds.All, null);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--duration" => options with { Duration = ParseDuration(Next()) },
                "--rounds" => options with { Rounds = ParsePositive(Next()) },
                "--warmup" => options with { WarmUp = ParseDuration(Next()) },
                "--prewarm" => options with { Prewarm = ParseDuration(Next()) },
                "--soak" => options with { Soak = ParseDuration(Next()) },
                "--out" => options with { OutputPath = Next() },
                "--clients" => options with { Clients = Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray() },
                "--repo" => options with { RepoRoot = Next() },
                "--no-build" => options with { SkipBuild = true },
                "--alloc-requests" => options with { AllocationRequests = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--startups" => options with { Startups = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--targets" => options with { Targets = ParseTargets(Next()) },
                "--functions-host" => options with { FunctionsHost = Next() },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }

    /// <summary>Reads <c>direct,yarp-server</c>; the run keeps the canonical order whatever the order given.</summary>
    public static IReadOnlyList<TargetKind> ParseTargets(string text)
    {
        var wanted = text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(TargetKinds.Parse).ToHashSet();
        return TargetKinds.All.Where(wanted.Contains).ToArray();
    }

    private static int ParsePositive(string text) =>
        int.Parse(text, CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new ArgumentException($"{text}: a count of at least 1 is needed.");

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
