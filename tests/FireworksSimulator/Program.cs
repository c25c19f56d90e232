namespace FireworksSimulator;

/// <summary>
/// <c>dotnet run --project tests/FireworksSimulator -- --urls http://127.0.0.1:5005</c>;
/// the accepted key is <see cref="SimulatorOptions.DefaultApiKey"/>.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var options = new SimulatorOptions();
        var app = SimulatorApp.Build(args, options, new SimulatorState(options));
        await app.RunAsync();
    }
}
