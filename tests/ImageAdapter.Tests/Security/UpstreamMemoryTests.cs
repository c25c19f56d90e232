using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Security;

/// <summary>
/// The review's reproduction: an upstream promising big bodies and stalling, under a GC heap limit. When a promised
/// <c>Content-Length</c> decided an up-front array, 16 such calls under 200 MiB ended in <c>OutOfMemoryException</c> and
/// 500s; now each costs a small pooled buffer and ends in a 504. The server runs as its own process, so the heap limit
/// is its alone.
/// </summary>
public sealed class UpstreamMemoryTests
{
    [Fact]
    public async Task Generate_ManyStalledPromisesUnderAHeapLimit_Answer504NotOutOfMemory()
    {
        await using var upstream = await HostileUpstream.StartAsync();
        upstream.Flux = context => HostileUpstream.StallAsync(context, 16L * 1024 * 1024);
        await using var server = await AdapterProcess.StartAsync(new Dictionary<string, string>
        {
            ["DOTNET_GCHeapHardLimit"] = "0xC800000", // 200 MiB
            ["Fireworks__BaseUrl"] = upstream.BaseUrl.AbsoluteUri,
            ["Fireworks__ApiKey"] = "fw-key",
            ["Fireworks__CallTimeout"] = "00:00:05",
            ["Auth__ApiKeys"] = AdapterApp.InboundKey,
            ["Adapter__MaxRetries"] = "0",
        }, TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", AdapterApp.InboundKey);

        // 4 requests of n=4: 16 FLUX calls at once, each promising 16 MiB.
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => http.PostAsync("/v1/images/generations",
            new StringContent("""{"model":"flux-1-schnell-fp8","prompt":"a fox","n":4}""", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken)));

        Assert.All(answers, answer => Assert.Equal(System.Net.HttpStatusCode.GatewayTimeout, answer.StatusCode));
        Assert.DoesNotContain("OutOfMemoryException", server.OutputText, StringComparison.Ordinal);
    }
}
