using System.ClientModel;
using System.ClientModel.Primitives;
using FireworksSimulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenAI;
using OpenAI.Images;

namespace ImageAdapter.Tests.Support;

/// <summary>
/// The standalone server on a real loopback port (Kestrel) in front of the Fireworks simulator, with every log line
/// captured. Tests call it over HTTP with the official OpenAI SDK or a plain <see cref="HttpClient"/>.
/// </summary>
public sealed class AdapterApp : IAsyncDisposable
{
    public const string InboundKey = "adapter-test-key";

    // WebApplicationFactory finds the app's host through a process-wide DiagnosticListener: two factories starting
    // at once (tests of different classes run in parallel) can capture each other's host. Start one at a time.
    private static readonly SemaphoreSlim StartLock = new(1, 1);

    private readonly AdapterFactory _factory;

    private AdapterApp(SimulatorServer simulator, AdapterFactory factory, Uri baseUrl)
    {
        Simulator = simulator;
        _factory = factory;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public SimulatorServer Simulator { get; }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public FakeLogCollector Logs => _factory.Services.GetFakeLogCollector();

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts the simulator and the server; <paramref name="settings"/> override the test defaults.</summary>
    public static async Task<AdapterApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var simulator = await SimulatorServer.StartAsync();
        var merged = new Dictionary<string, string?>
        {
            ["Fireworks:BaseUrl"] = simulator.BaseUrl.AbsoluteUri,
            ["Fireworks:ApiKey"] = SimulatorOptions.DefaultApiKey,
            ["Fireworks:PollInterval"] = "00:00:00.020",
            ["Fireworks:PollDeadline"] = "00:00:05",
            ["Fireworks:CallTimeout"] = "00:00:10",
            ["Auth:ApiKeys"] = InboundKey,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[name] = value;
        }

        var factory = new AdapterFactory(merged);
        factory.UseKestrel();
        await StartLock.WaitAsync();
        string address;
        try
        {
            factory.StartServer();
            address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        }
        finally
        {
            StartLock.Release();
        }

        return new AdapterApp(simulator, factory, new Uri(address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1")));
    }

    /// <summary>The official OpenAI client for <paramref name="model"/>, pointed at the adapter, without SDK retries.</summary>
    public ImageClient Images(string model, string apiKey = InboundKey) =>
        new(model, new ApiKeyCredential(apiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(BaseUrl, "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        });

    /// <summary>POSTs a raw body to <c>/v1/images/generations</c> with the adapter key (for what the SDK cannot send).</summary>
    public async Task<HttpResponseMessage> PostGenerationAsync(string body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images/generations") { Content = new StringContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Authorization = new("Bearer", InboundKey);
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    private sealed class AdapterFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // A free loopback port: without a URL the server would take 7071, its `func start`-like default.
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            foreach (var (name, value) in settings)
            {
                builder.UseSetting(name, value);
            }

            builder.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        }
    }
}
