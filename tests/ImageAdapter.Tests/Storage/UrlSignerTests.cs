using System.Globalization;
using System.Web;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ImageAdapter.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ImageAdapter.Tests.Storage;

/// <summary>The SAS both signers put on a URL: read only, one blob, the asked expiry, https unless the endpoint is http.</summary>
public sealed class UrlSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddMinutes(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1", "https,http")]
    [InlineData("https://stimages.blob.core.windows.net", "https")]
    public async Task AccountKeySigner_Blob_ReadOnlyBlobSasWithExpiry(string endpoint, string protocol)
    {
        var service = new BlobServiceClient($"DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey={Azurite.AccountKey};BlobEndpoint={endpoint};");
        var blob = service.GetBlobContainerClient("images").GetBlobClient("2026/11/24/abc.png");

        var url = await new AccountKeyUrlSigner().SignAsync(blob, Expiry, Token);

        var query = HttpUtility.ParseQueryString(url.Query);
        AssertReadOnly(query, protocol);
        Assert.Equal(blob.Uri.AbsolutePath, url.AbsolutePath);
        Assert.NotNull(query["sig"]);
    }

    [Fact]
    public async Task UserDelegationSigner_Blob_HttpsOnlyReadOnlyBlobSasSignedWithTheKey()
    {
        var key = Key(Now.AddDays(1));
        var cache = new UserDelegationKeyCache((_, _, _) => Task.FromResult(key), TimeSpan.FromMinutes(60), new FakeTimeProvider(Now), NullLogger<UserDelegationKeyCache>.Instance);
        var blob = new BlobClient(new Uri("https://stimages.blob.core.windows.net/images/2026/11/24/abc.png"));

        var url = await new UserDelegationUrlSigner(cache, "stimages").SignAsync(blob, Expiry, Token);

        var query = HttpUtility.ParseQueryString(url.Query);
        AssertReadOnly(query, "https");
        Assert.Equal("/images/2026/11/24/abc.png", url.AbsolutePath);
        Assert.Equal(key.SignedObjectId, query["skoid"]);
        Assert.Equal(key.SignedExpiresOn, DateTimeOffset.Parse(query["ske"]!, CultureInfo.InvariantCulture));
    }

    internal static UserDelegationKey Key(DateTimeOffset expiresOn) => BlobsModelFactory.UserDelegationKey(
        "00000000-0000-0000-0000-0000000000aa", "00000000-0000-0000-0000-0000000000bb", Now.AddMinutes(-5), expiresOn, "b", "2025-11-05",
        Convert.ToBase64String(new byte[32]));

    private static void AssertReadOnly(System.Collections.Specialized.NameValueCollection query, string protocol)
    {
        Assert.Equal("r", query["sp"]);
        Assert.Equal("b", query["sr"]);
        Assert.Equal(protocol, query["spr"]);
        Assert.Null(query["st"]);
        Assert.Equal(Expiry, DateTimeOffset.Parse(query["se"]!, CultureInfo.InvariantCulture));
    }
}
