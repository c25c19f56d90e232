using Azure.Core.Pipeline;
using ImageAdapter.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.Tests.KeyVault;

/// <summary>
/// A fake Key Vault plus a fake managed identity endpoint issuing the token the vault accepts, and the certificate
/// the vault serves. Shared by the <see cref="KeyVaultCollection"/> (not run in parallel), whose tests go through the
/// real <c>ManagedIdentityCredential</c> and <c>SecretClient</c>: the environment sets <c>IDENTITY_ENDPOINT</c> and
/// <c>IDENTITY_HEADER</c> in this process while it lives (Azure.Identity reads only the environment) and restores
/// them on dispose. Each environment has its own <see cref="ClientId"/>, so tokens cached by the identity library
/// for another environment are never reused against this vault.
/// </summary>
public sealed class KeyVaultEnvironment : IAsyncLifetime
{
    private readonly Dictionary<string, string?> savedVariables = [];
    private bool setsProcessVariables = true;

    public TestCertificate Certificate { get; private set; } = null!;

    public FakeKeyVault Vault { get; private set; } = null!;

    public FakeManagedIdentityEndpoint Identity { get; private set; } = null!;

    /// <summary>The user-assigned identity's client id (<c>AZURE_CLIENT_ID</c>).</summary>
    public string ClientId { get; } = Guid.NewGuid().ToString();

    /// <summary>
    /// Starts an environment for adapters run as child processes (see <see cref="ChildProcessVariables"/>): it leaves
    /// this process's environment alone, so it can be used from tests that run in parallel. Dispose it when done.
    /// </summary>
    public static async Task<KeyVaultEnvironment> StartForChildProcessesAsync()
    {
        var environment = new KeyVaultEnvironment { setsProcessVariables = false };
        await environment.InitializeAsync();
        return environment;
    }

    public async ValueTask InitializeAsync()
    {
        var token = $"fake-mi-token-{Guid.NewGuid():N}";
        Certificate = TestCertificate.Create();
        Vault = await FakeKeyVault.StartAsync(Certificate, token);
        Identity = await FakeManagedIdentityEndpoint.StartAsync(token);
        if (!setsProcessVariables)
        {
            return;
        }

        SetVariable("IDENTITY_ENDPOINT", Identity.Endpoint.ToString());
        SetVariable("IDENTITY_HEADER", Identity.Header);
    }

    /// <summary>
    /// Environment variables for an adapter started as a child process against these fakes, with Key Vault secrets
    /// named <paramref name="fireworksSecret"/> and <paramref name="inboundSecret"/>. The child trusts the fake vault
    /// through <c>SSL_CERT_FILE</c> (which replaces its trust store: fine for a process that only talks to fakes)
    /// and gets its token from the fake managed identity endpoint; no retries, so outage tests stay fast.
    /// </summary>
    public IReadOnlyDictionary<string, string> ChildProcessVariables(
        string fireworksSecret = "fireworks-api-key", string inboundSecret = "adapter-api-keys") => new Dictionary<string, string>
    {
        ["KeyVault__Uri"] = Vault.VaultUri.ToString(),
        ["KeyVault__FireworksApiKeySecret"] = fireworksSecret,
        ["KeyVault__AdapterApiKeysSecret"] = inboundSecret,
        ["KeyVault__DisableChallengeResourceVerification"] = "true",
        ["KeyVault__MaxRetries"] = "0",
        ["SSL_CERT_FILE"] = Certificate.PemPath,
        ["IDENTITY_ENDPOINT"] = Identity.Endpoint.ToString(),
        ["IDENTITY_HEADER"] = Identity.Header,
        ["AZURE_TOKEN_CREDENTIALS"] = "ManagedIdentityCredential",
        ["AZURE_CLIENT_ID"] = ClientId,
    };

    /// <summary>
    /// Configuration for <see cref="SecretServiceCollectionExtensions.AddSecretSources"/> pointing at the fake vault,
    /// with the managed identity selected as in Azure.
    /// </summary>
    public IConfiguration Configuration(string fireworksSecret, string inboundSecret, TimeSpan? cacheTtl = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KeyVault:Uri"] = Vault.VaultUri.ToString(),
            ["KeyVault:FireworksApiKeySecret"] = fireworksSecret,
            ["KeyVault:AdapterApiKeysSecret"] = inboundSecret,
            ["KeyVault:CacheTtl"] = (cacheTtl ?? TimeSpan.FromMinutes(5)).ToString("c"),
            ["AZURE_TOKEN_CREDENTIALS"] = "ManagedIdentityCredential",
            ["AZURE_CLIENT_ID"] = ClientId,
        }).Build();

    /// <summary>
    /// The production registration with the one test-only change a fake needs: the client trusts the test
    /// certificate, does not verify the challenge resource against 127.0.0.1, and does not retry.
    /// </summary>
    internal ServiceProvider BuildServices(IConfiguration configuration, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(new SecretClientCustomization(o =>
        {
            o.Transport = new HttpClientTransport(Certificate.CreateTrustingHandler());
            o.DisableChallengeResourceVerification = true;
            o.Retry.MaxRetries = 0;
        }));
        services.AddSecretSources(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (name, value) in savedVariables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        await Identity.DisposeAsync();
        await Vault.DisposeAsync();
        Certificate.Dispose();
    }

    private void SetVariable(string name, string value)
    {
        savedVariables.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }
}
