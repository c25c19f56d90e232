using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FireworksSimulator;

namespace ImageAdapter.Tests.Simulator;

/// <summary>One simulator per test class; each test resets its state in the class constructor.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public const string Key = SimulatorOptions.DefaultApiKey;
    public const string KontextSubmit = "workflows/accounts/fireworks/models/flux-kontext-pro";
    public const string KontextPoll = KontextSubmit + "/get_result";

    private SimulatorServer? _server;

    public SimulatorServer Server => _server ?? throw new InvalidOperationException("Not started");

    public SimulatorState State => Server.State;

    public HttpClient Client { get; } = new();

    public async ValueTask InitializeAsync() => _server = await SimulatorServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public Uri Url(string relative) => new($"{Server.BaseUrl}/{relative}");

    public static string ModelPath(string model) => $"accounts/fireworks/models/{model}";

    /// <summary>A Kontext edit body: a prompt, <paramref name="inputImage"/> JSON-escaped, then <paramref name="moreFields"/> (e.g. <c>,"seed":1</c>).</summary>
    public static string KontextEditBody(string inputImage, string moreFields = "") =>
        $$"""{"prompt":"make it blue","input_image":{{JsonSerializer.Serialize(inputImage)}}{{moreFields}}}""";

    public HttpRequestMessage Post(string relative, string json, string? accept = null, string? key = Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url(relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) =>
        Client.SendAsync(request, TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> PostAsync(string relative, string json, string? accept = null, string? key = Key) =>
        SendAsync(Post(relative, json, accept, key));

    /// <summary>Submits a Kontext body, asserts 200 and returns the <c>request_id</c>.</summary>
    public async Task<string> SubmitKontextAsync(string body)
    {
        using var response = await PostAsync(KontextSubmit, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("request_id").GetString()!;
    }

    /// <summary>Polls a Kontext task once (POST <c>{"id"}</c>), asserts 200 and returns the answer.</summary>
    public async Task<JsonDocument> PollKontextAsync(string id)
    {
        using var response = await PostAsync(KontextPoll, $$"""{"id":"{{id}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
