using FireworksSimulator;
using ImageAdapter.LiveCheck;

namespace ImageAdapter.Tests.LiveCheck;

/// <summary>A difference put between the checker and the simulator is reported as "differs", and only where it is.</summary>
public sealed class LiveCheckDifferenceTests(LiveCheckDifferenceFixture fixture) : IClassFixture<LiveCheckDifferenceFixture>
{
    private LiveCheckRuns Run => fixture.Run;

    [Fact]
    public void Run_OtherPixelSizeForOneRatio_ThatRatioDiffersOthersPass()
    {
        var (width, height) = SimulatorImageSizes.ForAspectRatio("3:2");
        var altered = Run.Fact("FLUX schnell 16:9", "pixel size");
        Assert.Equal(Verdict.Differs, altered.Verdict);
        Assert.Equal($"{width}x{height}", altered.Fireworks);
        Assert.Equal("1360x768", altered.Simulator);
        Assert.Equal(Verdict.Pass, Run.Fact("FLUX schnell 1:1", "pixel size").Verdict);
        Assert.Equal(Verdict.Pass, Run.Fact("FLUX schnell 21:9", "pixel size").Verdict);
    }

    [Fact]
    public void Run_SeedHeaderMissing_HeadersDifferNamingIt()
    {
        var headers = Run.Fact("FLUX schnell 1:1", "headers");
        Assert.Equal(Verdict.Differs, headers.Verdict);
        Assert.Equal("missing on Fireworks: Seed", headers.Note);
        Assert.Equal(Verdict.Pass, Run.Fact("FLUX schnell 1:1", "body shape").Verdict);
    }

    [Fact]
    public void Run_OtherErrorBodyShape_ErrorShapeDiffersWithTheMissingPaths()
    {
        var shape = Run.Fact("FLUX: aspect ratio outside the enum", "error body shape");
        Assert.Equal(Verdict.Differs, shape.Verdict);
        Assert.Equal("detail: string", shape.Fireworks);
        Assert.Contains("no `error.message`", shape.Note, StringComparison.Ordinal);
        Assert.Contains("extra `detail` (string)", shape.Note, StringComparison.Ordinal);
        Assert.Equal(Verdict.Pass, Run.Fact("FLUX: aspect ratio outside the enum", "status").Verdict);
    }

    [Fact]
    public void Run_SdxlAnswers404_StatusDiffersAndThePaidSdxlProbeIsSkipped()
    {
        Assert.Equal(Verdict.Differs, Run.Fact(ProbeSet.SdxlBadSize, "status").Verdict);
        var sdxl = Run.Probe("SDXL 1024x1024");
        Assert.Contains("not served", sdxl.Skipped, StringComparison.Ordinal);
        Assert.Equal(0m, sdxl.Charged);
        Assert.DoesNotContain(Run.Target.State.Requests, request => request.Kind == RequestKind.ImageGeneration);
    }

    [Fact]
    public void Run_SampleOnAnotherHost_SampleOriginAndAdaptersAnswerDiffer()
    {
        const string kontext = "Kontext (flux-kontext-pro) 16:9";
        var origin = Run.Fact(kontext, "sample URL scheme, host, port");
        Assert.Equal(Verdict.Differs, origin.Verdict);
        Assert.Equal($"http://localhost:{Run.Target.Port} (another host, the API's scheme)", origin.Fireworks);
        Assert.Equal("the adapter downloads from it if it is https at public addresses; Fireworks__SampleHosts=localhost pins it", origin.Note);
        Assert.Equal("502 upstream_invalid_response", Run.Fact(kontext, "adapter's answer").Fireworks);
        Assert.Equal(Verdict.Pass, Run.Fact(kontext, "poll statuses").Verdict);
    }

    [Fact]
    public void Report_Differences_AreListedFirst()
    {
        var summary = Run.ReportText[..Run.ReportText.IndexOf("\n## FLUX: unknown API key", StringComparison.Ordinal)];
        Assert.Contains("| FLUX schnell 16:9 | pixel size | **differs** |", summary, StringComparison.Ordinal);
        Assert.Contains("| SDXL 1024x1024 | (skipped) | unknown |", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("| FLUX schnell 1:1 | pixel size |", summary, StringComparison.Ordinal);
    }
}
