using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FireworksSimulator;

namespace ImageAdapter.Tests.Simulator;

public sealed class SimulatorServerTests
{
    [Fact]
    public async Task StartAsync_WithAdditionalModelAndKeys_ServesThemOnAFreePort()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            ApiKeys = ["fw-a", "fw-b"],
            AdditionalModels = { ["my-flux-lora"] = ModelFamily.TextToImage },
        }, TestContext.Current.CancellationToken);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{server.BaseUrl}/workflows/accounts/me/models/my-flux-lora/text_to_image")
        {
            Content = new StringContent("""{"prompt":"a cat"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "fw-b");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(0, server.Port);
        Assert.Equal(["fw-a", "fw-b"], server.State.AcceptedKeys.Order());
    }
}
