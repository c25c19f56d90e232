using System.ClientModel;
using System.ClientModel.Primitives;
using FireworksSimulator;
using ImageAdapter.Tests.KeyVault;
using ImageAdapter.Tests.Support;
using OpenAI;
using OpenAI.Images;

namespace ImageAdapter.Tests.KeyVaultEndToEnd;

/// <summary>
/// What a deployment looks like: the adapter process (either host) reads both secrets from a (fake) Key Vault through
/// a (fake) managed identity and calls the Fireworks simulator. Each instance has its own vault, identity, simulator
/// and process.
/// </summary>
public sealed class VaultBackedAdapter : IAsyncDisposable
{
    public const string FireworksSecret = "fireworks-api-key";
    public const string InboundSecret = "adapter-api-keys";

    private VaultBackedAdapter(KeyVaultEnvironment environment, SimulatorServer simulator)
    {
        Environment = environment;
        Simulator = simulator;
    }

    public KeyVaultEnvironment Environment { get; }

    public FakeKeyVault Vault => Environment.Vault;

    public SimulatorServer Simulator { get; }

    public AdapterProcess Process { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>
    /// Starts the fakes, lets <paramref name="prepare"/> fill the vault and simulator, then starts the adapter on
    /// <paramref name="host"/> with <paramref name="settings"/> on top of the Key Vault variables. The vault is not read
    /// until the first request.
    /// </summary>
    public static async Task<VaultBackedAdapter> StartAsync(
        Action<VaultBackedAdapter> prepare, IReadOnlyDictionary<string, string>? settings, AdapterHost host, CancellationToken cancellationToken)
    {
        var environment = await KeyVaultEnvironment.StartForChildProcessesAsync();
        var simulator = await SimulatorServer.StartAsync(cancellationToken: cancellationToken);
        var adapter = new VaultBackedAdapter(environment, simulator);
        try
        {
            prepare(adapter);
            var variables = new Dictionary<string, string>(environment.ChildProcessVariables(FireworksSecret, InboundSecret))
            {
                ["Fireworks__BaseUrl"] = simulator.BaseUrl.AbsoluteUri,
                ["Fireworks__PollInterval"] = "00:00:00.020",
                ["Fireworks__PollDeadline"] = "00:00:10",
                ["Fireworks__CallTimeout"] = "00:00:20",
            };
            foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            {
                variables[name] = value;
            }

            adapter.Process = await AdapterProcess.StartAsync(variables, cancellationToken, host);
            adapter.Http = new HttpClient { BaseAddress = adapter.Process.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
            return adapter;
        }
        catch
        {
            await adapter.DisposeAsync();
            throw;
        }
    }

    /// <summary>The official OpenAI client pointed at the adapter process, without SDK retries.</summary>
    public ImageClient Images(string model, string apiKey) =>
        new(model, new ApiKeyCredential(apiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(Process.BaseUrl, "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        });

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }

        await Simulator.DisposeAsync();
        await Environment.DisposeAsync();
    }
}
