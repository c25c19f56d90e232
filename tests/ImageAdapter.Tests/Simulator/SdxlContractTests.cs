using System.Net;
using System.Text.Json;
using FireworksSimulator;
using FireworksSimulator.Imaging;
using FireworksSimulator.Wire;

namespace ImageAdapter.Tests.Simulator;

public sealed class SdxlContractTests : IClassFixture<SimulatorFixture>
{
    private const string Route = "image_generation/accounts/fireworks/models/stable-diffusion-xl-1024-v1-0";
    private readonly SimulatorFixture _sim;

    public SdxlContractTests(SimulatorFixture sim)
    {
        _sim = sim;
        _sim.State.Reset();
    }

    [Fact]
    public async Task ImageGeneration_AcceptPng_ReturnsDecodablePngWithFinishReasonAndSeed()
    {
        using var response = await _sim.PostAsync(Route, """{"prompt":"a cat","seed":42}""", "image/png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("SUCCESS", response.Headers.GetValues("Finish-Reason").Single());
        Assert.Equal("42", response.Headers.GetValues("Seed").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(Images.IsPng(bytes));
        Assert.Equal((1024, 1024), Images.Decode(bytes));
        Assert.InRange(bytes.Length, 1_000_000, 2_500_000);
    }

    [Fact]
    public async Task ImageGeneration_AcceptJpegWithSdxlSize_ReturnsJpegOfThatSize()
    {
        using var response = await _sim.PostAsync(Route, """{"prompt":"a cat","width":832,"height":1216}""", "image/jpeg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(Images.IsJpeg(bytes));
        Assert.Equal((832, 1216), Images.Decode(bytes));
        Assert.NotEqual("0", response.Headers.GetValues("Seed").Single());
    }

    [Fact]
    public async Task ImageGeneration_AcceptJson_ReturnsTopLevelArrayOnePerSample()
    {
        using var response = await _sim.PostAsync(Route, """{"prompt":"a cat","samples":3,"seed":7}""", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal(3, json.RootElement.GetArrayLength());
        foreach (var item in json.RootElement.EnumerateArray())
        {
            Assert.Equal("SUCCESS", item.GetProperty("finishReason").GetString());
            Assert.True(item.GetProperty("seed").GetInt64() >= 7);
            Assert.Equal((1024, 1024), Images.Size(item.GetProperty("base64").GetBytesFromBase64()));
        }
    }

    [Fact]
    public async Task ImageGeneration_AcceptJson_IsByteForByteWhatTheSerializerWrites()
    {
        // The answer is assembled from cached base64 rather than serialized whole; it must not differ by a byte.
        _sim.State.EnqueueFault(SimulatorFault.ContentFilteredSample(1, RequestKind.ImageGeneration));

        using var response = await _sim.PostAsync(Route, """{"prompt":"a cat","samples":3,"seed":7}""", "application/json");

        var images = new ImageEncoder();
        var image = images.EncodeBase64(1024, 1024, ImageFormat.Png);
        var blank = images.EncodeBase64(1024, 1024, ImageFormat.Png, filtered: true);
        IReadOnlyList<SdxlArtifact> expected =
        [
            new(image, "SUCCESS", 7),
            new(blank, "CONTENT_FILTERED", 8),
            new(image, "SUCCESS", 9),
        ];
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(expected, WireJson.Context.IReadOnlyListSdxlArtifact), body);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("image/jpeg")]
    public async Task ImageGeneration_BinaryAcceptWithSeveralSamples_Returns400(string accept)
    {
        using var response = await _sim.PostAsync(Route, """{"prompt":"a cat","samples":2}""", accept);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("samples != 1", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(1000, 1000)]
    [InlineData(512, 512)]
    [InlineData(1024, 1536)]
    public async Task ImageGeneration_SizeOutsideSdxlList_Returns400WithFireworksError(int width, int height)
    {
        using var response = await _sim.PostAsync(Route, $$"""{"prompt":"a cat","width":{{width}},"height":{{height}}}""", "image/png");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("error", error.GetProperty("object").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains($"{width}x{height}", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("""{"negative_prompt":"x"}""")]
    [InlineData("""{"prompt":"a cat","samples":0}""")]
    [InlineData("""{"prompt":"a cat","samples":11}""")]
    [InlineData("""{"prompt":"a cat","width":"wide"}""")]
    [InlineData("not json")]
    public async Task ImageGeneration_InvalidBody_Returns400(string body)
    {
        using var response = await _sim.PostAsync(Route, body, "image/png");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("image_generation/accounts/fireworks/models/no-such-model")]
    [InlineData("image_generation/accounts/fireworks/models/flux-1-schnell-fp8")]
    public async Task ImageGeneration_UnknownOrOtherFamilyModel_Returns404JsonError(string route)
    {
        using var response = await _sim.PostAsync(route, """{"prompt":"a cat"}""", "image/png");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("not found", json.RootElement.GetProperty("error").GetProperty("message").GetString(),
            StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("playground-v2-1024px-aesthetic")]
    [InlineData("playground-v2-5-1024px-aesthetic")]
    [InlineData("SSD-1B")]
    [InlineData("japanese-stable-diffusion-xl")]
    public async Task ImageGeneration_EachSdxlModel_IsServed(string model)
    {
        using var response = await _sim.PostAsync($"image_generation/accounts/fireworks/models/{model}",
            """{"prompt":"a cat","width":1536,"height":640}""", "image/jpeg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
