using ImageAdapter.Errors;
using ImageAdapter.Fireworks;

namespace ImageAdapter.Tests.Fireworks;

/// <summary>Which Kontext sample URLs are fetched at all (the address check comes later, when connecting).</summary>
public sealed class SampleUrlPolicyTests
{
    private static readonly FireworksOptions Production = new() { BaseUrl = new Uri("https://api.fireworks.ai/inference/v1") };
    private static readonly FireworksOptions Local = new() { BaseUrl = new Uri("http://127.0.0.1:5005/inference/v1") };
    private static readonly FireworksOptions Listed = new() { BaseUrl = new Uri("https://api.fireworks.ai/inference/v1"), SampleHosts = "cdn.example, 127.0.0.1:7007" };

    [Theory]
    [InlineData("https://api.fireworks.ai/inference/v1/samples/1.png")]
    [InlineData("https://delivery.example-cdn.net/a/b.png?sig=1")]
    [InlineData("https://delivery.example-cdn.net:443/a/b.png")]
    public void Check_DefaultPolicy_AllowsHttpsOnTheDefaultPort(string url) =>
        Assert.Equal(new Uri(url), SampleUrlPolicy.Check(url, Production));

    [Theory]
    [InlineData("http://delivery.example-cdn.net/a.png")] // plain http off the base host
    [InlineData("https://delivery.example-cdn.net:8443/a.png")] // another port
    [InlineData("https://api.fireworks.ai:8080/latest/meta-data")] // the base host, another port
    [InlineData("ftp://api.fireworks.ai/a.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/a.png")]
    public void Check_DefaultPolicy_RefusesOtherSchemesAndPorts(string url) =>
        Assert.Equal(AdapterErrorKind.UpstreamInvalidResponse, Assert.Throws<AdapterException>(() => SampleUrlPolicy.Check(url, Production)).Kind);

    [Theory]
    [InlineData("http://127.0.0.1:5005/inference/v1/samples/1.png", true)]
    [InlineData("http://127.0.0.1:6006/latest/meta-data/iam", false)]
    [InlineData("http://localhost:5005/inference/v1/samples/1.png", false)]
    [InlineData("https://localhost:5005/inference/v1/samples/1.png", true)] // allowed here; refused when connecting (loopback)
    public void Check_LocalBaseUrl_AllowsItsOwnOriginAndHttpsElsewhere(string url, bool allowed) =>
        Assert.Equal(allowed, TryCheck(url, Local));

    [Theory]
    [InlineData("not a url", "cannot use")]
    [InlineData("/samples/a.png", "cannot use")]
    [InlineData("ftp://cdn.example/a.png", "cannot use")]
    [InlineData("http://cdn.example/a.png", "not allowed")] // the base URL is https: no downgrade
    [InlineData("https://elsewhere.example/a.png", "not allowed")]
    [InlineData("https://cdn.example.evil/a.png", "not allowed")]
    public void Check_AllowList_RefusalIsAnInvalidUpstreamResponse(string sample, string hint)
    {
        var error = Assert.Throws<AdapterException>(() => SampleUrlPolicy.Check(sample, Listed));

        Assert.Equal(AdapterErrorKind.UpstreamInvalidResponse, error.Kind);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://cdn.example/a.png", true)]
    [InlineData("https://CDN.Example/a.png", true)]
    [InlineData("https://API.FIREWORKS.AI/a.png", true)]
    [InlineData("https://api.fireworks.ai/a.png", true)]
    [InlineData("https://other.example/a.png", false)]
    [InlineData("https://cdn.example:444/a.png", false)]
    [InlineData("http://127.0.0.1:7007/a.png", false)] // listed with its port, but http is the base URL's scheme only
    [InlineData("https://127.0.0.1:7007/a.png", true)]
    [InlineData("https://127.0.0.1:7008/a.png", false)]
    public void Check_AllowList_IsStrict(string url, bool allowed) =>
        Assert.Equal(allowed, TryCheck(url, Listed));

    [Theory]
    [InlineData("https://api.fireworks.ai/s/1.png", true)]
    [InlineData("https://api.fireworks.ai:443/s/1.png", true)]
    [InlineData("http://api.fireworks.ai/s/1.png", false)]
    [InlineData("https://cdn.example/s/1.png", false)]
    public void IsBaseOrigin_OnlyTheBaseUrlsSchemeHostAndPort(string url, bool baseOrigin) =>
        Assert.Equal(baseOrigin, SampleUrlPolicy.IsBaseOrigin(new Uri(url), Listed));

    private static bool TryCheck(string url, FireworksOptions options)
    {
        try
        {
            SampleUrlPolicy.Check(url, options);
            return true;
        }
        catch (AdapterException)
        {
            return false;
        }
    }
}
