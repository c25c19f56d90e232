using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FireworksSimulator;

namespace ImageAdapter.Tests.Simulator;

public sealed class SimulatorServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_WithAdditionalModelAndKeys_ServesThatModelToThoseKeysOnly()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            ApiKeys = ["fw-a", "fw-b"],
            AdditionalModels = { ["my-flux-lora"] = ModelFamily.TextToImage },
        }, Ct);
        using var client = new HttpClient();

        using var withB = await PostAsync(client, server, "my-flux-lora", "fw-b");
        using var withA = await PostAsync(client, server, "my-flux-lora", "fw-a");
        using var withDefaultKey = await PostAsync(client, server, "my-flux-lora", SimulatorOptions.DefaultApiKey);
        using var otherModel = await PostAsync(client, server, "not-added-lora", "fw-a");

        Assert.Equal(HttpStatusCode.OK, withB.StatusCode);
        Assert.True(Images.IsJpeg(await withB.Content.ReadAsByteArrayAsync(Ct)));
        Assert.Equal(HttpStatusCode.OK, withA.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withDefaultKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherModel.StatusCode);
        Assert.Equal(server.Port, server.BaseUrl.Port);
        Assert.Equal(4, server.State.Requests.Count);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, SimulatorServer server, string model, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.BaseUrl}/workflows/accounts/me/models/{model}/text_to_image")
        {
            Content = new StringContent("""{"prompt":"a cat"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.SendAsync(request, Ct);
    }
}
