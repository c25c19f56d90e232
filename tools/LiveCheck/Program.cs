namespace ImageAdapter.LiveCheck;

/// <summary><c>FIREWORKS_API_KEY=fw_… dotnet run --project tools/LiveCheck</c>; see README.md beside this file.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await LiveCheckCommand.RunAsync(args, Environment.GetEnvironmentVariable("FIREWORKS_API_KEY"), Console.Out, cancel.Token);
    }
}
