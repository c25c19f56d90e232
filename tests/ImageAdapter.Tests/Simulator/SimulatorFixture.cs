using System.Net.Http.Headers;
using System.Text;
using FireworksSimulator;

namespace ImageAdapter.Tests.Simulator;

/// <summary>One simulator per test class; each test resets its state in the class constructor.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public const string Key = SimulatorOptions.DefaultApiKey;

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
}
