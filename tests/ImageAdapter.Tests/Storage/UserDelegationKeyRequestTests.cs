using System.Net;
using System.Text;
using System.Web;
using System.Xml.Linq;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using ImageAdapter.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ImageAdapter.Tests.Storage;

/// <summary>
/// The Azure path (key request, signing, upload without creating the container) through the real Storage SDK: a token-credential <see cref="BlobServiceClient"/> whose transport is
/// a local fake of the Blob service's <c>Get User Delegation Key</c> (Azurite serves it only over https with OAuth).
/// </summary>
public sealed class UserDelegationKeyRequestTests
{
    private const string ObjectId = "11111111-2222-3333-4444-555555555555";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_ManyUrls_OneBearerKeyRequestAndUrlsCarryThatKey()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var service = new FakeBlobService();
        var client = new BlobServiceClient(new Uri("https://stimages.blob.core.windows.net/"), new StaticToken(),
            new BlobClientOptions { Transport = new HttpClientTransport(new HttpClient(service)), Retry = { MaxRetries = 0 } });
        var signer = new UserDelegationUrlSigner(
            UserDelegationKeyCache.For(client, TimeSpan.FromMinutes(60), time, NullLogger<UserDelegationKeyCache>.Instance), client.AccountName);
        var container = client.GetBlobContainerClient("images");

        var urls = new List<Uri>();
        foreach (var name in new[] { "a.png", "b.png", "c.jpeg" })
        {
            urls.Add(await signer.SignAsync(container.GetBlobClient(name), time.GetUtcNow().AddMinutes(60), Token));
        }

        var request = Assert.Single(service.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Contains("restype=service", request.Query, StringComparison.Ordinal);
        Assert.Contains("comp=userdelegationkey", request.Query, StringComparison.Ordinal);
        Assert.Equal($"Bearer {StaticToken.Value}", request.Authorization);
        var keyInfo = XElement.Parse(request.Body);
        Assert.Equal("2026-11-24T11:55:00Z", keyInfo.Element("Start")!.Value);
        Assert.Equal("2026-11-24T14:05:00Z", keyInfo.Element("Expiry")!.Value); // 2 × 60 min + 5 min margin
        Assert.All(urls, url =>
        {
            var query = HttpUtility.ParseQueryString(url.Query);
            Assert.Equal(("r", "b", "https", ObjectId), (query["sp"], query["sr"], query["spr"], query["skoid"]));
            Assert.Equal("2026-11-24T13:00:00Z", query["se"]);
        });
    }

    [Fact]
    public async Task Store_ServiceUri_UploadsNewBlobWithContentTypeAndNeverCreatesTheContainer()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var service = new FakeBlobService();
        var client = new BlobServiceClient(new Uri("https://stimages.blob.core.windows.net/"), new StaticToken(),
            new BlobClientOptions { Transport = new HttpClientTransport(new HttpClient(service)), Retry = { MaxRetries = 0 } });
        var options = new StorageOptions { BlobServiceUri = client.Uri };
        var store = new BlobImageStore(client,
            new UserDelegationUrlSigner(UserDelegationKeyCache.For(client, options.UrlLifetime, time, NullLogger<UserDelegationKeyCache>.Instance), client.AccountName),
            Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<BlobImageStore>.Instance);

        var url = await store.StoreAsync(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, ImageAdapter.Validation.ImageFormat.Jpeg, Token);

        Assert.Equal(2, service.Requests.Count); // the upload and one key request: no container creation
        var upload = service.Requests[0];
        Assert.Equal(HttpMethod.Put, upload.Method);
        Assert.Equal("image/jpeg", upload.Headers["x-ms-blob-content-type"]);
        Assert.Equal("*", upload.Headers["If-None-Match"]);
        Assert.Matches("^/images/2026/11/24/[0-9a-f]{32}\\.jpeg$", upload.Path);
        Assert.Equal(upload.Path, url.AbsolutePath);
        Assert.Equal("https", url.Scheme);
    }

    private sealed class StaticToken : TokenCredential
    {
        public const string Value = "storage-test-token";

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Assert.Equal(["https://storage.azure.com/.default"], requestContext.Scopes);
            return new AccessToken(Value, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private sealed record SeenRequest(HttpMethod Method, string Path, string Query, string? Authorization, string Body, Dictionary<string, string> Headers);

    private sealed class FakeBlobService : HttpMessageHandler
    {
        public List<SeenRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .ToDictionary(header => header.Key, header => string.Join(",", header.Value), StringComparer.OrdinalIgnoreCase);
            Requests.Add(new SeenRequest(request.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query, request.Headers.Authorization?.ToString(), body, headers));
            if (request.Method == HttpMethod.Put)
            {
                var created = new HttpResponseMessage(HttpStatusCode.Created) { Content = new ByteArrayContent([]) };
                created.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"0x1\"");
                return created;
            }

            var keyInfo = XElement.Parse(body);
            var xml = $"""
                <?xml version="1.0" encoding="utf-8"?>
                <UserDelegationKey><SignedOid>{ObjectId}</SignedOid><SignedTid>66666666-7777-8888-9999-000000000000</SignedTid>
                <SignedStart>{keyInfo.Element("Start")!.Value}</SignedStart><SignedExpiry>{keyInfo.Element("Expiry")!.Value}</SignedExpiry>
                <SignedService>b</SignedService><SignedVersion>2025-11-05</SignedVersion><Value>{Convert.ToBase64String(new byte[32])}</Value></UserDelegationKey>
                """;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(xml, Encoding.UTF8, "application/xml") };
        }
    }
}
