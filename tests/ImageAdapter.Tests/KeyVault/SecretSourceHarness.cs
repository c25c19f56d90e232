using ImageAdapter.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ImageAdapter.Tests.KeyVault;

/// <summary>One container built by the production registration against the shared fake vault, with its own secret names and clock.</summary>
internal sealed class SecretSourceHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    public SecretSourceHarness(KeyVaultEnvironment environment, TimeSpan? cacheTtl = null)
    {
        environment.Vault.Reset();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        FireworksSecret = $"fireworks-api-key-{suffix}";
        InboundSecret = $"adapter-api-keys-{suffix}";
        services = environment.BuildServices(environment.Configuration(FireworksSecret, InboundSecret, cacheTtl), Time);
        Logs = services.GetFakeLogCollector();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    public FakeLogCollector Logs { get; }

    public string FireworksSecret { get; }

    public string InboundSecret { get; }

    public IFireworksKeySource Fireworks => services.GetRequiredService<IFireworksKeySource>();

    public IInboundKeySource Inbound => services.GetRequiredService<IInboundKeySource>();

    /// <summary>Every captured log line with its exception and structured state, for "never logged" checks.</summary>
    public IEnumerable<string> LoggedText() => Logs.GetSnapshot().Select(r =>
        string.Join('|', r.Message, r.Exception?.ToString() ?? "", string.Join(',', r.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? [])));

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
