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
/// The Azure path through the real Storage SDK: a token-credential <see cref="BlobServiceClient"/> whose transport is
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
        Assert.Equal("2026-11-25T13:00:00Z", keyInfo.Element("Expiry")!.Value);
        Assert.All(urls, url =>
        {
            var query = HttpUtility.ParseQueryString(url.Query);
            Assert.Equal(("r", "b", "https", ObjectId), (query["sp"], query["sr"], query["spr"], query["skoid"]));
            Assert.Equal("2026-11-24T13:00:00Z", query["se"]);
        });
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

    private sealed record SeenRequest(HttpMethod Method, string Query, string? Authorization, string Body);

    private sealed class FakeBlobService : HttpMessageHandler
    {
        public List<SeenRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new SeenRequest(request.Method, request.RequestUri!.Query, request.Headers.Authorization?.ToString(), body));
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
