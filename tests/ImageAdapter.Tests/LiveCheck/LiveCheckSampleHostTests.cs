using ImageAdapter.LiveCheck;

namespace ImageAdapter.Tests.LiveCheck;

public sealed class LiveCheckSampleHostTests
{
    [Fact]
    public async Task Run_SampleOnTheUpstreamsOwnHost_AdapterFetchesItAsDeployedItWould()
    {
        // The target is called "localhost", so its samples are on localhost while the adapter's base URL is the
        // pass-through on 127.0.0.1. Deployed, the base URL's host is the upstream's, and the adapter fetches from it.
        await using var run = await LiveCheckRuns.RunAsync(targetHost: "localhost");

        const string kontext = "Kontext (flux-kontext-pro) 16:9";
        Assert.Equal($"http://localhost:{run.Target.Port} (the API's origin)", run.Fact(kontext, "sample URL scheme, host, port").Fireworks);
        Assert.Equal("200, 1 image(s) of 1360x768", run.Fact(kontext, "adapter's answer").Fireworks);
        Assert.DoesNotContain(run.Report.AllFindings, finding => finding.Verdict == Verdict.Differs);
    }
}
