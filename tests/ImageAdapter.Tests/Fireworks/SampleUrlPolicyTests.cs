using ImageAdapter.Errors;
using ImageAdapter.Fireworks;

namespace ImageAdapter.Tests.Fireworks;

/// <summary>Which Kontext <c>result.sample</c> URLs are fetched, and which count as Fireworks' own origin (the key may go there).</summary>
public sealed class SampleUrlPolicyTests
{
    private static readonly FireworksOptions Options = new()
    {
        BaseUrl = new Uri("https://api.fireworks.ai/inference/v1"),
        SampleHosts = "cdn.example, delivery.example",
    };

    [Theory]
    [InlineData("https://api.fireworks.ai/samples/a.png")]
    [InlineData("https://API.FIREWORKS.AI/samples/a.png")]
    [InlineData("https://cdn.example/a.png")]
    [InlineData("https://Delivery.Example/a.png")]
    public void Check_HttpsOnAllowedHost_ReturnsTheUrl(string sample) =>
        Assert.Equal(new Uri(sample), SampleUrlPolicy.Check(sample, Options));

    [Theory]
    [InlineData("not a url", "cannot use")]
    [InlineData("/samples/a.png", "cannot use")]
    [InlineData("ftp://cdn.example/a.png", "cannot use")]
    [InlineData("http://cdn.example/a.png", "cannot use")] // the base URL is https: no downgrade
    [InlineData("https://elsewhere.example/a.png", "Fireworks__SampleHosts")]
    [InlineData("https://cdn.example.evil/a.png", "Fireworks__SampleHosts")]
    public void Check_UnusableOrForeignUrl_IsAnInvalidUpstreamResponse(string sample, string hint)
    {
        var error = Assert.Throws<AdapterException>(() => SampleUrlPolicy.Check(sample, Options));

        Assert.Equal(AdapterErrorKind.UpstreamInvalidResponse, error.Kind);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HttpBaseUrl_AcceptsHttpOnItsHost()
    {
        var local = new FireworksOptions { BaseUrl = new Uri("http://127.0.0.1:5000/inference/v1") };

        Assert.Equal(new Uri("http://127.0.0.1:5000/s/a.png"), SampleUrlPolicy.Check("http://127.0.0.1:5000/s/a.png", local));
    }

    [Theory]
    [InlineData("https://api.fireworks.ai/samples/a.png", true)]
    [InlineData("https://API.fireworks.ai:443/other", true)]
    [InlineData("https://api.fireworks.ai:8443/samples/a.png", false)]
    [InlineData("http://api.fireworks.ai/samples/a.png", false)]
    [InlineData("https://cdn.example/a.png", false)]
    public void IsBaseOrigin_SameSchemeHostAndPortOnly(string url, bool expected) =>
        Assert.Equal(expected, SampleUrlPolicy.IsBaseOrigin(new Uri(url), Options));
}
