using System.Net;
using System.Text.Json;
using FireworksSimulator;

namespace ImageAdapter.Tests.Simulator;

public sealed class FluxContractTests : IClassFixture<SimulatorFixture>
{
    private const string Route = "workflows/accounts/fireworks/models/flux-1-schnell-fp8/text_to_image";
    private readonly SimulatorFixture _sim;

    public FluxContractTests(SimulatorFixture sim)
    {
        _sim = sim;
        _sim.State.Reset();
    }

    [Theory]
    [InlineData("1:1", 1024, 1024)]
    [InlineData("16:9", 1360, 768)]
    [InlineData("9:16", 768, 1360)]
    [InlineData("21:9", 1568, 672)]
    [InlineData("4:3", 1184, 880)]
    public void ForAspectRatio_DocumentedRatio_FollowsOneMegapixelRule(string ratio, int width, int height) =>
        Assert.Equal((width, height), SimulatorImageSizes.ForAspectRatio(ratio));

    [Theory]
    [InlineData("16:9")]
    [InlineData("2:3")]
    public async Task TextToImage_AcceptJpeg_ReturnsJpegOfRuleSize(string ratio)
    {
        using var response = await _sim.PostAsync(Route, $$"""{"prompt":"a cat","aspect_ratio":"{{ratio}}","seed":5}""", "image/jpeg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("SUCCESS", response.Headers.GetValues("Finish-Reason").Single());
        Assert.Equal("5", response.Headers.GetValues("Seed").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(SimulatorImageSizes.ForAspectRatio(ratio), Images.Decode(bytes));
    }

    [Fact]
    public async Task TextToImage_NoAcceptHeader_ReturnsBinaryJpeg1024()
    {
        using var response = await _sim.PostAsync(Route, """{"prompt":"a cat"}""");

        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((1024, 1024), Images.Decode(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task TextToImage_AcceptPng_ReturnsPng()
    {
        using var response = await _sim.PostAsync(Route, """{"prompt":"a cat","aspect_ratio":"1:1"}""", "image/png");

        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.True(Images.IsPng(bytes));
    }

    [Fact]
    public async Task TextToImage_LowJpegQuality_ReturnsSmallerJpeg()
    {
        var low = _sim.Post(Route, """{"prompt":"a cat"}""", "image/jpeg");
        low.Headers.Add("Jpeg-Quality", "10");
        var high = _sim.Post(Route, """{"prompt":"a cat"}""", "image/jpeg");
        high.Headers.Add("Jpeg-Quality", "95");

        using var lowResponse = await _sim.SendAsync(low);
        using var highResponse = await _sim.SendAsync(high);

        var lowBytes = await lowResponse.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var highBytes = await highResponse.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(lowBytes.Length < highBytes.Length);
        Assert.Equal((1024, 1024), Images.Size(lowBytes));
    }

    [Theory]
    [InlineData("101")]
    [InlineData("high")]
    public async Task TextToImage_InvalidJpegQuality_Returns400(string quality)
    {
        var request = _sim.Post(Route, """{"prompt":"a cat"}""", "image/jpeg");
        request.Headers.Add("Jpeg-Quality", quality);

        using var response = await _sim.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(true, "data:image/png;base64,")]
    [InlineData(false, "")]
    public async Task TextToImage_AcceptJson_ReturnsObjectWithBase64List(bool prefix, string expectedPrefix)
    {
        _sim.State.FluxJsonDataUriPrefix = prefix;

        using var response = await _sim.PostAsync(Route, """{"prompt":"a cat","seed":9}""", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("id").GetString()));
        Assert.Equal("SUCCESS", root.GetProperty("finishReason").GetString());
        Assert.Equal(9, root.GetProperty("seed").GetInt64());
        var item = Assert.Single(root.GetProperty("base64").EnumerateArray()).GetString()!;
        Assert.StartsWith(expectedPrefix, item, StringComparison.Ordinal);
        Assert.Equal(prefix, item.StartsWith("data:", StringComparison.Ordinal));
        var bytes = Convert.FromBase64String(item[expectedPrefix.Length..]);
        Assert.True(Images.IsPng(bytes));
        Assert.Equal((1024, 1024), Images.Size(bytes));
    }

    [Theory]
    [InlineData("7:5")]
    [InlineData("16x9")]
    [InlineData("")]
    public async Task TextToImage_AspectRatioOutsideEnum_Returns400(string ratio)
    {
        using var response = await _sim.PostAsync(Route, $$"""{"prompt":"a cat","aspect_ratio":"{{ratio}}"}""", "image/jpeg");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("aspect ratio", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TextToImage_DevModel_IsServedAndSdxlModelIsNot()
    {
        using var dev = await _sim.PostAsync(Route.Replace("flux-1-schnell-fp8", "flux-1-dev-fp8"), """{"prompt":"a"}""", "image/jpeg");
        using var sdxl = await _sim.PostAsync(Route.Replace("flux-1-schnell-fp8", "SSD-1B"), """{"prompt":"a"}""", "image/jpeg");

        Assert.Equal(HttpStatusCode.OK, dev.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, sdxl.StatusCode);
    }
}
