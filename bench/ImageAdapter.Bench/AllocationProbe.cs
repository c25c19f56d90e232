using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ImageAdapter.Bench;

/// <summary>
/// Allocated bytes per request in the adapter. The server process exposes no allocation counter, so the adapter is
/// hosted in this process (the same <c>AddImageAdapter</c> + <c>MapImageAdapter</c> as the server's Program, Kestrel
/// on loopback, the simulator process upstream) and <see cref="GC.GetTotalAllocatedBytes"/> is read around a fixed
/// number of sequential requests. The client's own share is measured with the identical client against the adapter
/// server process (where only the client allocates in this process) and subtracted.
/// </summary>
internal static class AllocationProbe
{
    private const int WarmUpRequests = 20;

    public static async Task<IReadOnlyList<AllocationResult>> MeasureAsync(Uri simulatorOrigin, Uri adapterProcessOrigin, int requests)
    {
        await using var host = await StartInProcessAdapterAsync(simulatorOrigin);
        var inProcessOrigin = new Uri(host.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First());
        using var client = new SequentialClient();
        var results = new List<AllocationResult>();
        foreach (var workload in Workload.All)
        {
            var template = workload.For(TargetKind.Adapter);
            var clientOnly = await AllocatedPerRequestAsync(client, adapterProcessOrigin, template, requests);
            var clientAndAdapter = await AllocatedPerRequestAsync(client, inProcessOrigin, template, requests);
            results.Add(new AllocationResult(workload, clientAndAdapter.Bytes - clientOnly.Bytes, clientOnly.Bytes,
                clientOnly.Failures + clientAndAdapter.Failures, requests));
        }

        await host.StopAsync();
        return results;
    }

    private static async Task<(double Bytes, int Failures)> AllocatedPerRequestAsync(
        SequentialClient client, Uri origin, RequestTemplate template, int requests)
    {
        await client.SendAsync(origin, template, WarmUpRequests);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var failures = await client.SendAsync(origin, template, requests);
        var after = GC.GetTotalAllocatedBytes(precise: true);
        return ((after - before) / (double)requests, failures);
    }

    private static async Task<WebApplication> StartInProcessAdapterAsync(Uri simulatorOrigin)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(AdapterSettings.For(simulatorOrigin).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddImageAdapter(builder.Configuration);
        var app = builder.Build();
        app.MapImageAdapter();
        await app.StartAsync();
        return app;
    }
}
