using Yarp.ReverseProxy.Configuration;

namespace ImageAdapter.Bench;

/// <summary>
/// <c>proxy --urls URL --upstream ORIGIN</c>: a plain YARP pass-through with one catch-all route and no transforms,
/// the cost of one .NET proxy hop: in front of the simulator it is the yarp target; in front of an
/// adapter server it is the yarp-server target, the fair comparison for the Functions host, itself a proxy hop before its worker.
/// </summary>
internal static class PassThroughProxy
{
    public static async Task RunAsync(string[] args)
    {
        var upstream = ArgValue(args, "--upstream") ?? throw new ArgumentException("proxy mode needs --upstream <origin>.");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args[1..] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "upstream", Match = new RouteMatch { Path = "{**catch-all}" } }],
            [new ClusterConfig
            {
                ClusterId = "upstream",
                Destinations = new Dictionary<string, DestinationConfig> { ["upstream"] = new() { Address = upstream } },
            }]);
        var app = builder.Build();
        app.MapReverseProxy();
        await app.RunAsync();
    }

    private static string? ArgValue(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
