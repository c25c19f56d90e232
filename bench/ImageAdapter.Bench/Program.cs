namespace ImageAdapter.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/ImageAdapter.Bench -- [--duration 8s] [--targets ...] [--out bench/results.md]</c>;
/// <c>proxy ...</c> and <c>floor ...</c> are the YARP and floor child processes the bench starts itself; <c>load ...</c>
/// drives an adapter already running; <c>stacks TRACE</c> says where a CPU-sampling trace's time went, and
/// <c>perfdiff</c> where <c>perf</c>'s samples of two targets differ per request.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "proxy")
        {
            await PassThroughProxy.RunAsync(args);
            return 0;
        }

        if (args.Length > 0 && args[0] == "floor")
        {
            await FloorAdapter.RunAsync(args);
            return 0;
        }

        if (args.Length > 0 && args[0] == "load")
        {
            return await LoadCommand.RunAsync(args);
        }

        if (args.Length > 0 && args[0] == "stacks")
        {
            return StacksCommand.Run(args);
        }

        if (args.Length > 0 && args[0] == "perfdiff")
        {
            return PerfDiffCommand.Run(args);
        }

        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        try
        {
            return await new BenchRun(options).RunAsync();
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            // A build that failed, or a process that did not start: the message says which, with its output.
            Console.Error.WriteLine($"bench failed: {exception.Message}");
            return 1;
        }
    }
}
