using System.Text.Json.Nodes;
using FireworksSimulator;
using ImageAdapter.Tests.Support;
using OpenAI.Images;

namespace ImageAdapter.Tests.EndToEnd;

/// <summary>The happy paths of every family, through real HTTP with the official OpenAI .NET client.</summary>
public abstract class GenerationEndToEndTests<THost> : IClassFixture<AdapterFixture<THost>>
    where THost : IHostKind
{
    private readonly AdapterApp _app;

    protected GenerationEndToEndTests(AdapterFixture<THost> fixture)
    {
        _app = fixture.App;
        _app.Simulator.State.Reset();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("stable-diffusion-xl-1024-v1-0", "image_generation/accounts/fireworks/models/stable-diffusion-xl-1024-v1-0")]
    [InlineData("playground-v2-1024px-aesthetic", "image_generation/accounts/fireworks/models/playground-v2-1024px-aesthetic")]
    [InlineData("playground-v2-5-1024px-aesthetic", "image_generation/accounts/fireworks/models/playground-v2-5-1024px-aesthetic")]
    [InlineData("SSD-1B", "image_generation/accounts/fireworks/models/SSD-1B")]
    [InlineData("japanese-stable-diffusion-xl", "image_generation/accounts/fireworks/models/japanese-stable-diffusion-xl")]
    [InlineData("flux-1-schnell-fp8", "workflows/accounts/fireworks/models/flux-1-schnell-fp8/text_to_image")]
    [InlineData("accounts/fireworks/models/flux-1-dev-fp8", "workflows/accounts/fireworks/models/flux-1-dev-fp8/text_to_image")]
    [InlineData("flux-kontext-pro", "workflows/accounts/fireworks/models/flux-kontext-pro")]
    [InlineData("accounts/fireworks/models/flux-kontext-max", "workflows/accounts/fireworks/models/flux-kontext-max")]
    public async Task Generate_EveryCatalogueModel_ReturnsDecodable1024Png(string model, string path)
    {
        var result = await _app.Images(model).GenerateImageAsync("a red fox", new ImageGenerationOptions(), Token);

        var image = result.Value;
        var bytes = image.ImageBytes.ToArray();
        Assert.True(Images.IsPng(bytes));
        Assert.Equal((1024, 1024), Images.Decode(bytes));
        Assert.Equal($"/inference/v1/{path}", _app.Simulator.State.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task Generate_AnyFamily_SendsTheFireworksKeyNeverTheClients()
    {
        await _app.Images("flux-kontext-pro").GenerateImageAsync("a red fox", new ImageGenerationOptions(), Token);

        var requests = _app.Simulator.State.Requests;
        Assert.NotEmpty(requests);
        Assert.All(requests.Where(r => r.Kind != RequestKind.SampleDownload), r => Assert.Equal($"Bearer {SimulatorOptions.DefaultApiKey}", r.Authorization));
        Assert.All(requests, r => Assert.DoesNotContain(AdapterApp.InboundKey, string.Join(" ", r.Headers.Values)));
    }

    [Fact]
    public async Task Generate_SdxlNFour_OneCallWithSamplesAndFourImages()
    {
        var result = await _app.Images("SSD-1B").GenerateImagesAsync("a red fox", 4, new ImageGenerationOptions
        {
            Size = new GeneratedImageSize(1152, 896),
        }, Token);

        Assert.Equal(4, result.Value.Count);
        Assert.All(result.Value, image => Assert.Equal((1152, 896), Images.Decode(image.ImageBytes)));
        var request = Assert.Single(_app.Simulator.State.Requests);
        Assert.Equal("application/json", request.Header("Accept"));
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal((4, 1152, 896), (body["samples"]!.GetValue<int>(), body["width"]!.GetValue<int>(), body["height"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("flux-1-dev-fp8", 3)]
    [InlineData("flux-kontext-max", 2)]
    public async Task Generate_FanOutFamilyN_OneSubmitPerImage(string model, int n)
    {
        var result = await _app.Images(model).GenerateImagesAsync("a red fox", n, new ImageGenerationOptions(), Token);

        Assert.Equal(n, result.Value.Count);
        var kind = model.Contains("kontext", StringComparison.Ordinal) ? RequestKind.KontextSubmit : RequestKind.TextToImage;
        Assert.Equal(n, _app.Simulator.State.Requests.Count(r => r.Kind == kind));
    }

    [Theory]
    [InlineData("flux-1-schnell-fp8", 1792, 1024, "16:9")]
    [InlineData("flux-1-schnell-fp8", 1536, 1024, "3:2")]
    [InlineData("flux-1-schnell-fp8", 1024, 1536, "2:3")]
    [InlineData("flux-kontext-pro", 1792, 1024, "7:4")]
    [InlineData("flux-kontext-pro", 2100, 900, "7:3")]
    public async Task Generate_SizeOnAspectRatioFamily_SendsMappedRatioAndReportsRealSize(string model, int width, int height, string ratio)
    {
        var (realWidth, realHeight) = SimulatorImageSizes.ForAspectRatio(ratio);

        using var response = await _app.PostGenerationAsync($$"""{"model":"{{model}}","prompt":"a fox","size":"{{width}}x{{height}}"}""");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        var sent = _app.Simulator.State.Requests.First(r => r.Kind is RequestKind.TextToImage or RequestKind.KontextSubmit);
        Assert.Equal(ratio, JsonNode.Parse(sent.Body)!["aspect_ratio"]!.GetValue<string>());
        Assert.Equal((realWidth, realHeight), Images.Decode(Convert.FromBase64String(body["data"]![0]!["b64_json"]!.GetValue<string>())));
        Assert.Equal($"{realWidth}x{realHeight}", response.Headers.GetValues("x-image-size").Single());
        Assert.Null(body["size"]); // not one of the three sizes the OpenAI schema allows
    }

    [Fact]
    public async Task Generate_SchemaSize_ReportedInBody()
    {
        var result = await _app.Images("flux-1-dev-fp8").GenerateImagesAsync("a fox", 1, new ImageGenerationOptions { Size = GeneratedImageSize.W1024xH1024 }, Token);

        Assert.Equal(GeneratedImageSize.W1024xH1024, result.Value.Size);
    }

    [Theory]
    [InlineData("SSD-1B")]
    [InlineData("flux-1-schnell-fp8")]
    [InlineData("flux-kontext-pro")]
    public async Task Generate_Jpeg_ReturnsJpegAndSaysSo(string model)
    {
        var result = await _app.Images(model).GenerateImagesAsync("a fox", 1, new ImageGenerationOptions
        {
            OutputFileFormat = GeneratedImageFileFormat.Jpeg,
        }, Token);

        var image = Assert.Single(result.Value);
        Assert.True(Images.IsJpeg(image.ImageBytes.ToArray()));
        Assert.Equal(1024, Images.Decode(image.ImageBytes).Width);
        Assert.Equal(GeneratedImageFileFormat.Jpeg, result.Value.OutputFileFormat);
    }

    [Fact]
    public async Task Generate_FluxJpegWithCompression_SendsJpegQuality()
    {
        await _app.Images("flux-1-schnell-fp8").GenerateImageAsync("a fox", new ImageGenerationOptions
        {
            OutputFileFormat = GeneratedImageFileFormat.Jpeg,
            OutputCompressionFactor = 70,
        }, Token);

        var request = Assert.Single(_app.Simulator.State.Requests);
        Assert.Equal(("image/jpeg", "70"), (request.Header("Accept"), request.Header("Jpeg-Quality")));
    }

    [Fact]
    public async Task Generate_Success_ReportsUsageByTheDocumentedRule()
    {
        var result = await _app.Images("SSD-1B").GenerateImagesAsync("0123456789abcdef", 2, new ImageGenerationOptions(), Token);

        var usage = result.Value.Usage;
        Assert.Equal((4, 2048, 2052), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount));
    }

    [Fact]
    public async Task Generate_Success_BodyValidatesAgainstImagesResponse()
    {
        using var response = await _app.PostGenerationAsync("""{"model":"SSD-1B","prompt":"a fox","n":2}""");
        var json = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await OpenApiSchemas.AssertValidAsync(json, "ImagesResponse");
        var body = JsonNode.Parse(json)!;
        Assert.Equal(("png", "1024x1024"), (body["output_format"]!.GetValue<string>(), body["size"]!.GetValue<string>()));
        Assert.True(body["created"]!.GetValue<long>() > 1_700_000_000);
        Assert.DoesNotContain("data:", json[..200]);
        Assert.True(response.Headers.Contains("x-request-id"));
    }

    [Fact]
    public async Task Generate_FireworksExtras_PassedToTheFamily()
    {
        using var response = await _app.PostGenerationAsync(
            """{"model":"SSD-1B","prompt":"a fox","negative_prompt":"blur","seed":42,"steps":25,"cfg_scale":6,"sampler":"K_EULER","safety_check":false}""");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var sent = JsonNode.Parse(_app.Simulator.State.Requests[0].Body)!;
        Assert.Equal(("blur", 42, 25, 6, "K_EULER"), (sent["negative_prompt"]!.GetValue<string>(), sent["seed"]!.GetValue<int>(),
            sent["steps"]!.GetValue<int>(), sent["cfg_scale"]!.GetValue<int>(), sent["sampler"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Generate_KontextPendingThenReady_PollsUntilReady()
    {
        _app.Simulator.State.EnqueueKontextScript(new KontextScript(TaskNotFoundPolls: 1, PendingPolls: 3));

        var result = await _app.Images("flux-kontext-pro").GenerateImageAsync("a fox", new ImageGenerationOptions(), Token);

        Assert.Equal(1024, Images.Decode(result.Value.ImageBytes).Width);
        Assert.Equal(5, _app.Simulator.State.Requests.Count(r => r.Kind == RequestKind.KontextGetResult));
        Assert.All(_app.Simulator.State.Requests.Where(r => r.Kind == RequestKind.KontextGetResult),
            r => Assert.Equal("/inference/v1/workflows/accounts/fireworks/models/flux-kontext-pro/get_result", r.PathAndQuery));
    }
}

public sealed class GenerationEndToEndTestsOnServer(AdapterFixture<OnServer> fixture) : GenerationEndToEndTests<OnServer>(fixture);

public sealed class GenerationEndToEndTestsOnFunctions(AdapterFixture<OnFunctions> fixture) : GenerationEndToEndTests<OnFunctions>(fixture);
