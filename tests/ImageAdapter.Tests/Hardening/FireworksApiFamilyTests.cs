using ImageAdapter.Resilience;

namespace ImageAdapter.Tests.Hardening;

/// <summary>Which circuit breaker (and retry class) a Fireworks URL falls under.</summary>
public sealed class FireworksApiFamilyTests
{
    [Theory]
    [InlineData("image_generation/accounts/fireworks/models/SSD-1B", "image_generation")]
    [InlineData("workflows/accounts/fireworks/models/flux-1-dev-fp8/text_to_image", "text_to_image")]
    [InlineData("workflows/accounts/fireworks/models/flux-kontext-pro", "kontext")]
    [InlineData("workflows/accounts/fireworks/models/flux-kontext-pro/get_result", "kontext")]
    [InlineData("https://delivery.example/samples/a.png?sig=1", "kontext")]
    public void Of_Url_SelectsTheFamilysCircuit(string url, string family) =>
        Assert.Equal(family, FireworksApiFamily.Of(new Uri(url, UriKind.RelativeOrAbsolute)));

    [Theory]
    [InlineData("POST", "workflows/accounts/fireworks/models/flux-kontext-pro/get_result", true)]
    [InlineData("GET", "https://delivery.example/samples/a.png", true)]
    [InlineData("POST", "workflows/accounts/fireworks/models/flux-kontext-pro", false)]
    [InlineData("POST", "image_generation/accounts/fireworks/models/SSD-1B", false)]
    public void IsRead_Call_OnlyPollsAndDownloads(string method, string url, bool read)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.RelativeOrAbsolute));
        Assert.Equal(read, FireworksApiFamily.IsRead(request));
    }
}
