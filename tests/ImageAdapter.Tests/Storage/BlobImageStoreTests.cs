using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;
using ImageAdapter.Tests.Support;
using OpenAI.Images;

namespace ImageAdapter.Tests.Storage;

/// <summary>
/// <c>response_format: url</c> end to end: the adapter (either host) in front of the Fireworks simulator, storing in Azurite,
/// called with the official OpenAI client; URLs fetched the way a user's browser would, with no credentials.
/// </summary>
public abstract partial class BlobImageStoreTests<THost> : IClassFixture<StorageAppFixture<THost>>
    where THost : IHostKind
{
    private static readonly HttpClient Anonymous = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly StorageAppFixture<THost> _fixture;
    private readonly AdapterApp _app;

    protected BlobImageStoreTests(StorageAppFixture<THost> fixture)
    {
        _fixture = fixture;
        _app = fixture.App;
        _app.Simulator.State.Reset();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("flux-1-schnell-fp8")]
    [InlineData("SSD-1B")]
    public async Task Generate_UrlFormat_UrlDownloadsTheGeneratedPngWithoutCredentials(string model)
    {
        var images = _app.Images(model);
        var expected = (await images.GenerateImageAsync("a red fox", new ImageGenerationOptions(), Token)).Value.ImageBytes.ToArray();

        var image = (await images.GenerateImageAsync("a red fox", new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri }, Token)).Value;

        Assert.Null(image.ImageBytes);
        using var download = await Anonymous.GetAsync(image.ImageUri, Token);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, await download.Content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public async Task Generate_UrlFormatJpeg_BlobIsServedAsJpeg()
    {
        var image = (await _app.Images("flux-1-schnell-fp8").GenerateImageAsync("a fox", new ImageGenerationOptions
        {
            ResponseFormat = GeneratedImageFormat.Uri,
            OutputFileFormat = GeneratedImageFileFormat.Jpeg,
        }, Token)).Value;

        using var download = await Anonymous.GetAsync(image.ImageUri, Token);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync(Token);
        Assert.True(Images.IsJpeg(bytes));
        Assert.EndsWith(".jpeg", image.ImageUri.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_UrlFormat_ResponseMatchesTheOpenAISchema()
    {
        using var response = await _app.PostGenerationAsync("""{"model":"SSD-1B","prompt":"a fox","n":2,"response_format":"url"}""");

        var json = await response.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await OpenApiSchemas.AssertValidAsync(json, "ImagesResponse");
        var data = JsonNode.Parse(json)!["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        Assert.All(data, item => Assert.Null(item!["b64_json"]));
        Assert.All(data, item => Assert.StartsWith(_fixture.Azurite.BlobEndpoint.AbsoluteUri, item!["url"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generate_UrlFormatSeveralImages_EachGetsItsOwnUnguessableBlob()
    {
        var result = await _app.Images("SSD-1B").GenerateImagesAsync("a fox", 3, new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri }, Token);

        var paths = result.Value.Select(image => image.ImageUri.AbsolutePath).ToArray();
        Assert.Equal(3, paths.Distinct().Count());
        var today = DateTimeOffset.UtcNow;
        Assert.All(paths, path => Assert.Matches(BlobPath(), path));
        Assert.All(paths, path => Assert.Contains($"/images/{today:yyyy}/{today:MM}/", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generate_UrlFormat_SasIsReadOnlyOnOneBlobForSixtyMinutes()
    {
        var before = DateTimeOffset.UtcNow;
        var url = (await _app.Images("flux-1-schnell-fp8").GenerateImageAsync("a fox", new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri }, Token)).Value.ImageUri;

        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("r", query["sp"]);
        Assert.Equal("b", query["sr"]);
        Assert.Null(query["st"]);
        var expiry = DateTimeOffset.Parse(query["se"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiry, before.AddMinutes(60).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(60));
    }

    [Fact]
    public async Task Generate_UrlFormat_SasCannotWriteDeleteOrList()
    {
        var url = (await _app.Images("flux-1-schnell-fp8").GenerateImageAsync("a fox", new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri }, Token)).Value.ImageUri;
        var original = await Anonymous.GetByteArrayAsync(url, Token);

        using var overwrite = await Anonymous.SendAsync(Put(url), Token);
        using var newBlob = await Anonymous.SendAsync(Put(new UriBuilder(url) { Path = url.AbsolutePath + ".other.png" }.Uri), Token);
        using var delete = await Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url), Token);
        var containerPath = url.AbsolutePath[..(url.AbsolutePath.IndexOf("/images/", StringComparison.Ordinal) + "/images".Length)];
        using var list = await Anonymous.GetAsync(new UriBuilder(url) { Path = containerPath, Query = url.Query.TrimStart('?') + "&restype=container&comp=list" }.Uri, Token);

        Assert.Equal(HttpStatusCode.Forbidden, overwrite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, newBlob.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(original, await Anonymous.GetByteArrayAsync(url, Token));
    }

    [Fact]
    public async Task Generate_ShortUrlLifetime_UrlIsRefusedAfterItExpires()
    {
        var lifetime = TimeSpan.FromSeconds(6);
        await using var app = await _fixture.StartAppAsync(new Dictionary<string, string?> { ["Storage:UrlLifetime"] = lifetime.ToString() });
        var issuedAfter = DateTimeOffset.UtcNow;
        var url = (await app.Images("flux-1-schnell-fp8").GenerateImageAsync("a fox", new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri }, Token)).Value.ImageUri;
        var issuedBefore = DateTimeOffset.UtcNow;
        var expiry = DateTimeOffset.Parse(HttpUtility.ParseQueryString(url.Query)["se"]!, System.Globalization.CultureInfo.InvariantCulture);

        // Whether the first fetch beats the expiry depends on the machine; what each answer must be does not.
        var fetchStarted = DateTimeOffset.UtcNow;
        using var fresh = await Anonymous.GetAsync(url, Token);
        var fetchEnded = DateTimeOffset.UtcNow;
        var wait = expiry.AddSeconds(1) - DateTimeOffset.UtcNow;
        await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Token);
        using var expired = await Anonymous.GetAsync(url, Token);

        // "se" has whole seconds: the expiry is the issue time plus the lifetime, give or take that rounding.
        Assert.InRange(expiry, issuedAfter + lifetime - TimeSpan.FromSeconds(1), issuedBefore + lifetime);
        if (fetchEnded < expiry)
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }
        else if (fetchStarted > expiry.AddSeconds(1))
        {
            Assert.Equal(HttpStatusCode.Forbidden, fresh.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task Generate_ContainerMissing_CreatedOnFirstUrlRequestNotAtStart()
    {
        var url = (await _app.Images("SSD-1B").GenerateImageAsync("a fox", new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri }, Token)).Value.ImageUri;

        Assert.False(_fixture.ContainerExistedAtStart);
        Assert.True((await _fixture.Azurite.Client.GetBlobContainerClient("images").ExistsAsync(Token)).Value);
        using var download = await Anonymous.GetAsync(url, Token);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
    }

    [Fact]
    public async Task Generate_UrlFormat_LogsNeverCarryTheSas()
    {
        var url = (await _app.Images("SSD-1B").GenerateImageAsync("a fox", new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri }, Token)).Value.ImageUri;

        var signature = HttpUtility.ParseQueryString(url.Query)["sig"]!;
        var lines = _app.LogLines();
        Assert.Contains(lines, line => line.Contains("Stored image", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("sig=", StringComparison.Ordinal) || line.Contains(signature, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generate_StorageRefusesTheKey_Returns503AndLogsNoSecret()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        await using var app = await _fixture.StartAppAsync(new Dictionary<string, string?> { ["Storage:ConnectionString"] = _fixture.Azurite.ConnectionStringWithKey(wrongKey) });

        using var response = await app.PostGenerationAsync("""{"model":"SSD-1B","prompt":"a fox","response_format":"url"}""");

        var json = await response.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("adapter_not_configured", JsonNode.Parse(json)!["error"]!["code"]!.GetValue<string>());
        await OpenApiSchemas.AssertValidAsync(json, "ErrorResponse");
        var lines = app.LogLines();
        Assert.Contains(lines, line => line.Contains("Blob storage refused", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(wrongKey, StringComparison.Ordinal) || line.Contains("sig=", StringComparison.Ordinal));
    }

    private static HttpRequestMessage Put(Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent([1, 2, 3]) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        return request;
    }

    [GeneratedRegex(@"^/devstoreaccount1/images/\d{4}/\d{2}/\d{2}/[0-9a-f]{32}\.png$")]
    private static partial Regex BlobPath();
}

public sealed class BlobImageStoreTestsOnServer(StorageAppFixture<OnServer> fixture) : BlobImageStoreTests<OnServer>(fixture);

public sealed class BlobImageStoreTestsOnFunctions(StorageAppFixture<OnFunctions> fixture) : BlobImageStoreTests<OnFunctions>(fixture);
