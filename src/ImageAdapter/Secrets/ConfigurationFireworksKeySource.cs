using Microsoft.Extensions.Options;

namespace ImageAdapter.Secrets;

/// <summary>The Fireworks key from <c>Fireworks:ApiKey</c> (local development); follows configuration reloads.</summary>
internal sealed class ConfigurationFireworksKeySource(IOptionsMonitor<LocalSecretsOptions> options) : IFireworksKeySource
{
    public ValueTask<string> GetKeyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Current());

    // Nothing to reload from: configuration is already live, so the newest key is the current one.
    public ValueTask<string> RefreshKeyAsync(string rejectedKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Current());

    private string Current()
    {
        var key = options.CurrentValue.FireworksApiKey?.Trim();
        return string.IsNullOrEmpty(key) ? throw SecretsUnavailable.FireworksKey() : key;
    }
}
