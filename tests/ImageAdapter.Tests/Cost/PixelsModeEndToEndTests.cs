using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Cost;

/// <summary>In the default <c>Usage__Mode=pixels</c>, the cost header is there all the same, and usage counts pixels.</summary>
public sealed class PixelsModeEndToEndTests(AdapterFixture<OnServer> fixture) : IClassFixture<AdapterFixture<OnServer>>
{
    [Fact]
    public async Task PixelsMode_PricedModel_HeaderGivesCost_UsageCountsPixels()
    {
        var app = fixture.App;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images/generations")
        {
            Content = JsonContent.Create(new JsonObject { ["model"] = "flux-kontext-pro", ["prompt"] = "a red fox", ["n"] = 2 }),
        };
        request.Headers.Authorization = new("Bearer", AdapterApp.InboundKey);

        using var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var body = (await response.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken))!;
        Assert.Equal("0.08", Assert.Single(response.Headers.GetValues("x-fireworks-cost-usd")));
        Assert.Equal(2 * 1024, (int)body["usage"]!["output_tokens"]!);
    }
}
