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
/// The adapter on a real loopback port in front of the Fireworks simulator, on either host: the standalone server
/// in-process (Kestrel, every log record captured), or the published Functions app under the real Functions host (its
/// console output captured). Tests call it over HTTP with the official OpenAI SDK or a plain <see cref="HttpClient"/>.
/// </summary>
public sealed class AdapterApp : IAsyncDisposable
{
    public const string InboundKey = "adapter-test-key";

    // WebApplicationFactory finds the app's host through a process-wide DiagnosticListener: two factories starting
    // at once (tests of different classes run in parallel) can capture each other's host. Start one at a time.
    private static readonly SemaphoreSlim StartLock = new(1, 1);

    private readonly AdapterFactory? _factory;
    private readonly AdapterProcess? _process;
    private int _forgottenLines;

    private AdapterApp(SimulatorServer simulator, AdapterFactory? factory, AdapterProcess? process, Uri baseUrl)
    {
        Simulator = simulator;
        _factory = factory;
        _process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public SimulatorServer Simulator { get; }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    /// <summary>The server's log records (in-process server only).</summary>
    public FakeLogCollector Logs => Server.Services.GetFakeLogCollector();

    /// <summary>The server's services (in-process server only).</summary>
    public IServiceProvider Services => Server.Services;

    /// <summary>The Functions host's process, whose output holds the host's and the worker's log lines (Functions only).</summary>
    public AdapterProcess Process => _process ?? throw new InvalidOperationException("The standalone server runs in-process.");

    /// <summary>Log entries at Error or above, or from the adapter's unexpected-failure path, on either host.</summary>
    public IReadOnlyList<string> UnexpectedFailures() => _factory is not null
        ? [.. Logs.GetSnapshot()
            .Where(record => record.Level >= LogLevel.Error || record.Message.Contains("failed unexpectedly", StringComparison.Ordinal))
            .Select(record => $"{record.Category}: {record.Message} {record.Exception?.GetType().Name}")]
        : ConsoleErrors(HostLines);

    /// <summary>Every log entry so far (message and exception; the host's console lines for the Functions app).</summary>
    public IReadOnlyList<string> LogLines() => _factory is not null
        ? [.. Logs.GetSnapshot().Select(record => $"{record.Message} {record.Exception}")]
        : HostLines;

    /// <summary>How many log entries so far hold <paramref name="fragment"/>, on either host.</summary>
    public int LogCount(string fragment) => LogLines().Count(line => line.Contains(fragment, StringComparison.Ordinal));

    public bool HasLogged(string fragment) => LogCount(fragment) > 0;

    /// <summary>Whether an entry holding <paramref name="fragment"/> is written within 30 s (loggers write asynchronously).</summary>
    public async Task<bool> WaitForLogAsync(string fragment)
    {
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); !HasLogged(fragment); await Task.Delay(50))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Starts the log afresh for the next test of a shared app.</summary>
    public void ForgetLogs()
    {
        if (_factory is not null)
        {
            Logs.Clear();
        }
        else
        {
            _forgottenLines = Process.Output.Count;
        }
    }

    private IReadOnlyList<string> HostLines => [.. Process.Output.Skip(_forgottenLines)];

    /// <summary>
    /// Error or Critical entries on the Functions host's console: the host's own ("fail:" / "crit:" at the start of the
    /// line, its message on the indented lines after) and the worker's (the same prefixes on one indented line, as the
    /// host prints the worker's console), or the adapter's unexpected-failure path. Not counted: the host's record of a
    /// client that disconnected (it logs the invocation as failed with <c>ForwarderError: RequestCanceled</c>; the
    /// adapter cancelled its work).
    /// </summary>
    private static List<string> ConsoleErrors(IReadOnlyList<string> lines)
    {
        var entries = new List<string>();
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index].TrimStart();
            if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)
                || line.Contains("failed unexpectedly", StringComparison.Ordinal))
            {
                var message = string.Join(" ", lines.Skip(index + 1).TakeWhile(next => next.StartsWith("      ", StringComparison.Ordinal)
                    && !next.TrimStart().StartsWith("info:", StringComparison.Ordinal)).Take(3).Select(next => next.Trim()));
                var entry = $"{line} {message}";
                if (!entry.Contains("ForwarderError: RequestCanceled", StringComparison.Ordinal))
                {
                    entries.Add(entry);
                }
            }
        }

        return entries;
    }

    private AdapterFactory Server => _factory ?? throw new InvalidOperationException("The Functions app runs in its own process.");

    /// <summary>Starts the simulator and the adapter on <paramref name="host"/>; <paramref name="settings"/> override the test defaults.</summary>
    public static async Task<AdapterApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, AdapterHost host = AdapterHost.Server)
    {
        var simulator = await SimulatorServer.StartAsync();
        var merged = new Dictionary<string, string?>
        {
            ["Fireworks:BaseUrl"] = simulator.BaseUrl.AbsoluteUri,
            ["Fireworks:ApiKey"] = SimulatorOptions.DefaultApiKey,
            ["Fireworks:PollInterval"] = "00:00:00.020",
            // Far above what a healthy call takes even on a loaded machine: tests that want a timeout set their own.
            ["Fireworks:PollDeadline"] = "00:01:00",
            ["Fireworks:CallTimeout"] = "00:01:00",
            ["Auth:ApiKeys"] = InboundKey,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[name] = value;
        }

        if (host == AdapterHost.Functions)
        {
            return await StartFunctionsAsync(simulator, merged);
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

        return new AdapterApp(simulator, factory, null, new Uri(address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1")));
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
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        await Simulator.DisposeAsync();
    }

    /// <summary>The same settings as environment variables (<c>A:B</c> → <c>A__B</c>), as app settings reach a Functions app.</summary>
    private static async Task<AdapterApp> StartFunctionsAsync(SimulatorServer simulator, IReadOnlyDictionary<string, string?> settings)
    {
        try
        {
            var variables = settings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value ?? "");
            var process = await AdapterProcess.StartAsync(variables, TestContext.Current.CancellationToken, AdapterHost.Functions);
            return new AdapterApp(simulator, null, process, process.BaseUrl);
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
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
