using System.Globalization;

namespace ImageAdapter.Bench;

/// <summary>
/// <c>load --url ORIGIN [--workload sdxl-n1] [--clients 16] [--duration 20s] [--warmup 2s] [--key bench-key] [--pids 1,2 [--types 15]]</c>:
/// the bench's closed-loop load (<see cref="LoadRunner"/>) against an adapter that is already running, in any host,
/// sending the OpenAI request of one workload. For measurements made by hand, such as with <c>dotnet-counters</c>
/// attached to the serving processes. With <c>--pids</c>, each of those processes' allocations in the measured window
/// are also counted (<see cref="AllocationCounter"/>), and with <c>--types</c> the types that allocated most.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        Uri? origin = null;
        var workload = Workload.All[0];
        var clients = 16;
        var duration = TimeSpan.FromSeconds(20);
        var warmUp = TimeSpan.FromSeconds(2);
        var key = Workload.AdapterKey;
        int[] pids = [];
        var types = 0;
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--url":
                    origin = new Uri(Next());
                    break;
                case "--workload":
                    workload = ParseWorkload(Next());
                    break;
                case "--clients":
                    clients = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--duration":
                    duration = BenchOptions.ParseDuration(Next());
                    break;
                case "--warmup":
                    warmUp = BenchOptions.ParseDuration(Next());
                    break;
                case "--key":
                    key = Next();
                    break;
                case "--types":
                    types = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--pids":
                    pids = Next().Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}\n{BenchOptions.Usage}");
                    return 2;
            }
        }

        if (origin is null)
        {
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        var template = workload.AdapterRequest() with { BearerKey = key };
        var counters = pids.Select(AllocationCounter.Start).ToArray();
        var from = DateTime.UtcNow + warmUp;
        var load = await LoadRunner.RunAsync(origin, template, clients, warmUp, duration);
        Console.WriteLine(
            $"{workload.Name}, {clients} clients, {duration.TotalSeconds:0.#} s after {warmUp.TotalSeconds:0.#} s warm-up: " +
            $"{load.Succeeded} ok, {load.Throughput:F1} req/s, p50 {load.P50:F1} ms, p99 {load.P99:F1} ms, " +
            $"{load.MegabytesPerResponse:F2} MB/response, failures {load.Failures}{(load.FirstError is null ? "" : " (" + load.FirstError + ")")}");
        for (var i = 0; i < pids.Length; i++)
        {
            var bytes = await counters[i].StopAsync(from, from + duration);
            await counters[i].DisposeAsync();
            Console.WriteLine($"  pid {pids[i]}: {bytes / duration.TotalSeconds / 1e6:F1} MB/s allocated in the window (GC allocation ticks), " +
                $"{bytes / Math.Max(1, load.AnsweredInWindow):N0} bytes per request answered");
            foreach (var (type, typeBytes) in counters[i].TopTypes(from, from + duration, types))
            {
                Console.WriteLine($"    {typeBytes / Math.Max(1, load.AnsweredInWindow),9:N0} B/request  {type}");
            }
        }

        return load.Failures == 0 && load.Succeeded > 0 ? 0 : 1;
    }

    private static Workload ParseWorkload(string id) =>
        Workload.All.FirstOrDefault(w => w.Id == id)
        ?? throw new ArgumentException($"Unknown workload '{id}'; use {string.Join(", ", Workload.All.Select(w => w.Id))}.");
}
