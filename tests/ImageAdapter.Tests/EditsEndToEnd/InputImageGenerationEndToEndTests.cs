using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FireworksSimulator;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>
/// An input <c>image</c> on <c>POST /v1/images/generations</c> (JSON), on both hosts: a <c>data:</c> URL reaches
/// Fireworks as raw base64 of the same bytes; an <c>https</c> URL reaches it as the same string, and the adapter
/// never fetches it; a model that cannot edit is refused before anything is sent.
/// </summary>
public abstract class InputImageGenerationEndToEndTests<THost> : IClassFixture<AdapterFixture<THost>>
    where THost : IHostKind
{
    private const string Prompt = "make the fox blue";

    private readonly AdapterApp _app;

    protected InputImageGenerationEndToEndTests(AdapterFixture<THost> fixture)
    {
        _app = fixture.App;
        _app.Simulator.State.Reset();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("flux-kontext-pro", "png")]
    [InlineData("flux-kontext-max", "jpeg")]
    [InlineData("accounts/fireworks/models/flux-kontext-pro", "webp")]
    public async Task Generate_DataUrlImage_FireworksGetsTheBytesAsRawBase64(string model, string input)
    {
        var image = EditInput.Named(input);

        using var response = await _app.PostGenerationAsync(Body(model, image.DataUrl));

        var json = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json);
        var size = EditAssertions.KontextOutput(image.Width, image.Height);
        await EditAssertions.AssertImagesAsync(json, 1, "png", "b64_json", size, Token);
        EditAssertions.AssertSubmits(_app.Simulator.State, model.Split('/')[^1], 1, image.Bytes, "png");
        EditAssertions.AssertUsage(json, 1, Prompt, (long)image.Width * image.Height, size);
    }

    [Theory]
    [InlineData("https://images.example.com/fox.png")]
    [InlineData("https://account.blob.core.windows.net/in/fox.png?sv=2024-11-04&se=2026-01-01T00%3A00%3A00Z&sr=b&sp=r&sig=a%2Bb%2F%3D")]
    [InlineData("https://cdn.example.com/a%20fox/fox%2Bred.png?w=512#top")]
    [InlineData("https://images.example.com/fox.png?sig=a+b/c=")]
    public async Task Generate_HttpsUrlImage_FireworksGetsTheSameStringAndCountsAMegapixel(string url)
    {
        _app.Simulator.State.ServeInputImage(url, EditInput.Png.Bytes); // Fireworks would fetch it; the simulator has no internet
        using var response = await _app.PostGenerationAsync(Body("flux-kontext-pro", url));

        var json = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json);
        var submit = Assert.Single(_app.Simulator.State.KontextSubmits());
        Assert.Equal(url, submit.InputImage());
        EditAssertions.AssertUsage(json, 1, Prompt, 1024 * 1024, EditAssertions.KontextOutput(EditInput.Png.Width, EditInput.Png.Height));
    }

    /// <summary>
    /// Unchanged means byte for byte: a signature over the URL as its owner wrote it (a CDN token over path and query)
    /// must still match. <c>Uri.AbsoluteUri</c>, which the adapter once forwarded, unescapes <c>%7E</c> and <c>%41</c>,
    /// drops a default port, lower-cases the host and resolves <c>..</c>.
    /// </summary>
    [Theory]
    [InlineData("https://images.example.com/%7Efox.png?x=%41&sig=abc")]
    [InlineData("https://Images.Example.COM:443/a/../fox.png")]
    public async Task Generate_HttpsUrlImageNotInCanonicalForm_FireworksGetsTheSameString(string url)
    {
        _app.Simulator.State.ServeInputImage(url, EditInput.Png.Bytes); // Fireworks would fetch it; the simulator has no internet
        using var response = await _app.PostGenerationAsync(Body("flux-kontext-pro", url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(url, Assert.Single(_app.Simulator.State.KontextSubmits()).InputImage());
    }

    /// <summary>
    /// The URL names a loopback port that listens but is never served: had the adapter fetched the image (to check or
    /// measure it), the connection would be waiting there. Fireworks saw only the usual submit, polls and sample download.
    /// </summary>
    [Fact]
    public async Task Generate_HttpsUrlImage_AdapterMakesNoRequestOfItsOwn()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/fox.png";

        _app.Simulator.State.ServeInputImage(url, EditInput.Png.Bytes);
        using var response = await _app.PostGenerationAsync(Body("flux-kontext-max", url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(listener.Pending(), "the adapter connected to the input image's host");
        Assert.Equal(url, Assert.Single(_app.Simulator.State.KontextSubmits()).InputImage());
        Assert.All(_app.Simulator.State.Requests, request =>
            Assert.Contains(request.Kind, new[] { RequestKind.KontextSubmit, RequestKind.KontextGetResult, RequestKind.SampleDownload }));
    }

    [Theory]
    [InlineData("SSD-1B", "data")]
    [InlineData("flux-1-schnell-fp8", "data")]
    [InlineData("accounts/fireworks/models/flux-1-dev-fp8", "https")]
    [InlineData("stable-diffusion-xl-1024-v1-0", "https")]
    public async Task Generate_ImageOnModelThatCannotEdit_400ParamImageAndNothingSent(string model, string kind)
    {
        var image = kind == "data" ? EditInput.Png.DataUrl : "https://images.example.com/fox.png";

        using var response = await _app.PostGenerationAsync(Body(model, image));

        await EditAssertions.AssertErrorAsync(response, 400, "invalid_request_error", "unsupported_parameter", "image", Token);
        Assert.Empty(_app.Simulator.State.Requests);
    }

    [Theory]
    [InlineData("data:image/png;base64,R0lGODlhAQABAAAAACw=")] // a GIF's bytes, declared PNG
    [InlineData("data:image/png,not-base64")]
    [InlineData("data:image/png;base64,%%%")]
    [InlineData("http://images.example.com/fox.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("fox.png")]
    public async Task Generate_ImageNeitherAnImageDataUrlNorHttps_400ParamImageAndNothingSent(string image)
    {
        using var response = await _app.PostGenerationAsync(Body("flux-kontext-pro", image));

        await EditAssertions.AssertErrorAsync(response, 400, "invalid_request_error", "invalid_value", "image", Token);
        Assert.Empty(_app.Simulator.State.Requests);
    }

    private static string Body(string model, string image) =>
        new JsonObject { ["model"] = model, ["prompt"] = Prompt, ["image"] = image }.ToJsonString();
}

public sealed class InputImageGenerationEndToEndTestsOnServer(AdapterFixture<OnServer> fixture) : InputImageGenerationEndToEndTests<OnServer>(fixture);

public sealed class InputImageGenerationEndToEndTestsOnFunctions(AdapterFixture<OnFunctions> fixture) : InputImageGenerationEndToEndTests<OnFunctions>(fixture);
