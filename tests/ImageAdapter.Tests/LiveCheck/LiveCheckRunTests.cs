using FireworksSimulator;
using ImageAdapter.LiveCheck;

namespace ImageAdapter.Tests.LiveCheck;

/// <summary>What CI checks of the checker: against the simulator itself every comparison passes and no key leaks.</summary>
public sealed class LiveCheckRunTests(LiveCheckSimulatorFixture fixture) : IClassFixture<LiveCheckSimulatorFixture>
{
    private LiveCheckRuns Run => fixture.Run;

    [Fact]
    public void Run_AgainstTheSimulator_NothingDiffersAndOnlyTheUnobservableIsUnknown()
    {
        Assert.DoesNotContain(Run.Report.AllFindings, finding => finding.Verdict == Verdict.Differs);
        var unknown = Run.Report.AllFindings.Where(finding => finding.Verdict == Verdict.Unknown).Select(finding => finding.Facet).Order();
        Assert.Equal(["429 Retry-After", "sample URL lifetime"], unknown);
        Assert.All(Run.Report.Probes, probe => Assert.Null(probe.Skipped));
    }

    [Fact]
    public void Run_EveryFluxRatio_ReportsTheSimulatorsPixelSize()
    {
        foreach (var ratio in SimulatorImageSizes.FluxAspectRatios)
        {
            var (width, height) = SimulatorImageSizes.ForAspectRatio(ratio);
            var size = Run.Fact($"FLUX schnell {ratio}", "pixel size");
            Assert.Equal(Verdict.Pass, size.Verdict);
            Assert.Equal($"{width}x{height}", size.Fireworks);
        }
    }

    [Fact]
    public void Run_Kontext_RecordsPollStatusesSampleOriginAndSize()
    {
        const string kontext = "Kontext (flux-kontext-pro) 16:9";
        Assert.Equal("Pending → Ready", Run.Fact(kontext, "poll statuses").Fireworks);
        Assert.Equal($"{Run.Target.Origin.Scheme}://127.0.0.1:{Run.Target.Port} (the API's origin)", Run.Fact(kontext, "sample URL scheme, host, port").Fireworks);
        Assert.Equal("1360x768", Run.Fact(kontext, "pixel size").Fireworks);
        Assert.Equal("200, 1 image(s) of 1360x768", Run.Fact(kontext, "adapter's answer").Fireworks);
    }

    [Fact]
    public void Run_ContentFilterProbe_SeesTheFilteredSignalAndTheAdaptersRefusal()
    {
        var signal = Run.Fact("FLUX schnell with safety_check", "filter signal");
        Assert.Equal(Verdict.Pass, signal.Verdict);
        Assert.Contains("Finish-Reason: CONTENT_FILTERED", signal.Fireworks, StringComparison.Ordinal);
        Assert.Equal("400 content_policy_violation", Run.Fact("FLUX schnell with safety_check", "adapter's answer").Fireworks);
    }

    [Fact]
    public void Report_RequestsTheAdapterSent_AreRecordedWithTheKeyRedacted()
    {
        var request = Run.Probe("FLUX schnell 1:1").Request!;
        Assert.Equal("/inference/v1/workflows/accounts/fireworks/models/flux-1-schnell-fp8/text_to_image", request.Path);
        Assert.Equal("""{"prompt":"a lighthouse on a rocky coast at dawn, watercolour","aspect_ratio":"1:1","num_inference_steps":4}""", request.RequestText);
        Assert.Contains(request.RequestHeaders, header => header is { Key: "Accept", Value: "image/png" });
        Assert.Contains(request.RequestHeaders, header => header is { Key: "Authorization", Value: "Bearer [redacted]" });

        // The key did reach the upstream: the simulator accepted it, so only the record is redacted.
        Assert.Contains(Run.Target.State.Requests, recorded => recorded.Authorization == $"Bearer {LiveCheckRuns.TargetKey}");
        Assert.DoesNotContain(LiveCheckRuns.TargetKey, Run.ReportText, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer [redacted]", Run.ReportText, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Cost_CountsOnlyCallsFireworksAccepted()
    {
        // 11 ratios and the filter probe at 4 schnell steps, SDXL at 10 steps, one Kontext pro image; refused probes are free.
        var expected = 12 * 4 * 0.00035m + 10 * 0.00013m + 0.04m;
        Assert.Equal(expected, Run.Report.Budget.Spent);
        Assert.Equal(expected, Run.Report.Probes.Sum(probe => probe.Charged));
        Assert.Contains($"Estimated cost: ${expected:0.0000} of the $0.25 budget", Run.ReportText, StringComparison.Ordinal);
    }
}
