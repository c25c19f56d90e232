using System.Diagnostics;
using System.Net;

namespace ImageAdapter.Bench;

/// <summary>
/// Start to first successful response: from <c>Process.Start</c> of the server to the first 200 on
/// <c>/v1/images/generations</c> (polling <c>/healthz</c> first, then one SDXL n=1 generation until it succeeds).
/// </summary>
internal static class StartupProbe
{
    public static async Task<StartupResult> MeasureAsync(RepoLayout layout, Uri simulatorOrigin, int starts)
    {
        var health = new List<TimeSpan>();
        var first = new List<TimeSpan>();
        var template = Workload.All[0].For(TargetKind.Adapter);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < starts; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var server = TargetProcess.Start("adapter (start-up)", layout.ServerDll, [], AdapterSettings.AsEnvironment(simulatorOrigin, layout));
            health.Add(await PollAsync(clock, server, () => http.GetAsync(new Uri(server.Origin, AdapterRoutes.Health))));
            first.Add(await PollAsync(clock, server, () => http.SendAsync(template.Create(server.Origin))));
        }

        return new StartupResult(health, first);
    }

    private static async Task<TimeSpan> PollAsync(Stopwatch clock, TargetProcess server, Func<Task<HttpResponseMessage>> send)
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"The adapter exited during start-up:\n{server.RecentOutput()}");
            }

            try
            {
                using var response = await send();
                await response.Content.LoadIntoBufferAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"The adapter gave no 200 within 60 s:\n{server.RecentOutput()}");
    }
}
