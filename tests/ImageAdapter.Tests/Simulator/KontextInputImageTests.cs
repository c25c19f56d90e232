using FireworksSimulator;
using static ImageAdapter.Tests.Simulator.SimulatorFixture;

namespace ImageAdapter.Tests.Simulator;

/// <summary>Kontext <c>input_image</c> in each accepted form: what is recorded, and the output size it leads to.</summary>
public sealed class KontextInputImageTests : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorFixture _sim;

    public KontextInputImageTests(SimulatorFixture sim)
    {
        _sim = sim;
        _sim.State.Reset();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_RawBase64Png_RecordsPngWithItsSize()
    {
        var png = Images.Png(512, 256);

        await _sim.SubmitKontextAsync(KontextEditBody(Convert.ToBase64String(png)));

        Assert.Equal(
            [new KontextInput(KontextInputSource.Base64, null, "png", 512, 256, png.Length, Images.Sha256(png))],
            _sim.State.KontextInputs);
    }

    [Fact]
    public async Task Submit_DataUriJpeg_RecordsJpegWithItsSize()
    {
        var jpeg = Images.Jpeg(300, 200);

        await _sim.SubmitKontextAsync(KontextEditBody("data:image/jpeg;base64," + Convert.ToBase64String(jpeg)));

        Assert.Equal(
            [new KontextInput(KontextInputSource.DataUri, null, "jpeg", 300, 200, jpeg.Length, Images.Sha256(jpeg))],
            _sim.State.KontextInputs);
    }

    [Fact]
    public async Task Submit_DataUriSayingJpegHoldingPng_RecordsPngFromTheSignature()
    {
        await _sim.SubmitKontextAsync(KontextEditBody("data:image/jpeg;base64," + Convert.ToBase64String(Images.Png(64, 32))));

        Assert.Equal("png", Assert.Single(_sim.State.KontextInputs).Format);
    }

    [Theory]
    [InlineData("lossy", 320, 240)]
    [InlineData("lossless", 16384, 1)]
    [InlineData("extended", 20000, 300)]
    public async Task Submit_WebP_RecordsWebPWithItsHeaderSize(string kind, int width, int height)
    {
        var webp = kind switch
        {
            "lossy" => Images.WebPLossy(width, height),
            "lossless" => Images.WebPLossless(width, height),
            _ => Images.WebPExtended(width, height),
        };

        await _sim.SubmitKontextAsync(KontextEditBody(Convert.ToBase64String(webp)));

        Assert.Equal(
            [new KontextInput(KontextInputSource.Base64, null, "webp", width, height, webp.Length, Images.Sha256(webp))],
            _sim.State.KontextInputs);
    }

    [Fact]
    public async Task Submit_HttpUrl_DownloadsItOnceAndRecordsTheUrl()
    {
        var png = Images.Png(256, 512);
        await using var host = await ImageHost.StartAsync(ImageHost.Serving(png, "application/octet-stream"));
        var url = host.Url("/inputs/cat.png?v=1");

        await _sim.SubmitKontextAsync(KontextEditBody(url));

        Assert.Equal(["GET /inputs/cat.png"], host.Requests);
        Assert.Equal(
            [new KontextInput(KontextInputSource.Url, url, "png", 256, 512, png.Length, Images.Sha256(png))],
            _sim.State.KontextInputs);
    }

    [Theory]
    [InlineData(512, 256, "2:1")]
    [InlineData(640, 480, "4:3")]
    [InlineData(1024, 256, "21:9")] // 4:1 is wider than Kontext's range
    [InlineData(256, 1024, "9:21")]
    public async Task Submit_InputImageWithoutAspectRatio_OutputKeepsItsShapeWithinRange(int width, int height, string expected)
    {
        var size = await OutputSizeAsync(KontextEditBody(Convert.ToBase64String(Images.Png(width, height))));

        Assert.Equal(SimulatorImageSizes.ForAspectRatio(expected), size);
    }

    [Fact]
    public async Task Submit_InputImageWithAspectRatio_OutputFollowsAspectRatio()
    {
        var size = await OutputSizeAsync(KontextEditBody(Convert.ToBase64String(Images.Png(512, 256)), ",\"aspect_ratio\":\"3:4\""));

        Assert.Equal(SimulatorImageSizes.ForAspectRatio("3:4"), size);
    }

    [Fact]
    public async Task Reset_AfterInputImage_ForgetsKontextInputs()
    {
        await _sim.SubmitKontextAsync(KontextEditBody(Convert.ToBase64String(Images.Png(64, 64))));

        _sim.State.Reset();

        Assert.Empty(_sim.State.KontextInputs);
    }

    private async Task<(int Width, int Height)> OutputSizeAsync(string body)
    {
        _sim.State.DefaultKontextScript = new KontextScript(PendingPolls: 0);
        var id = await _sim.SubmitKontextAsync(body);
        using var ready = await _sim.PollKontextAsync(id);
        var sample = ready.RootElement.GetProperty("result").GetProperty("sample").GetString()!;
        return Images.Size(await _sim.Client.GetByteArrayAsync(sample, Ct));
    }
}
