using ImageAdapter.LiveCheck;

namespace ImageAdapter.Tests.LiveCheck;

public sealed class SampleDownloadTests
{
    private static SampleDownload For(string url) => new(new Uri(url), 200, "image/png", "1360x768", null, null, null);

    [Fact]
    public void QuerySummary_SignedUrl_ShowsExpiryValuesAndHidesEveryOtherValue()
    {
        var sample = For("https://delivery.example.net/r/abc.png?X-Amz-Date=20261130T030000Z&X-Amz-Expires=600&X-Amz-Signature=deadbeef&X-Amz-Credential=AKIA123");

        Assert.Equal("X-Amz-Date=20261130T030000Z&X-Amz-Expires=600&X-Amz-Signature=…&X-Amz-Credential=…", sample.QuerySummary);
    }

    [Theory]
    [InlineData("https://delivery.example.net/a.png", "https://delivery.example.net:443")]
    [InlineData("http://127.0.0.1:5005/inference/v1/samples/a.png", "http://127.0.0.1:5005")]
    public void Origin_AnyUrl_WritesThePortOut(string url, string origin) => Assert.Equal(origin, For(url).Origin);

    [Fact]
    public async Task FetchAsync_NotHttp_IsNotFetched()
    {
        var sample = await SampleDownload.FetchAsync(new Uri("file:///etc/passwd"), TestContext.Current.CancellationToken);

        Assert.Equal("GET failed: not an http(s) URL", sample.ToString());
        Assert.False(sample.Succeeded);
    }
}
