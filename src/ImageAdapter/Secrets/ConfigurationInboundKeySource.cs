using Microsoft.Extensions.Options;

namespace ImageAdapter.Secrets;

/// <summary>Inbound keys from <c>Auth:ApiKeys</c> (comma-separated); may be empty: the HTTP layer decides what that means.</summary>
internal sealed class ConfigurationInboundKeySource(IOptionsMonitor<LocalSecretsOptions> options) : IInboundKeySource
{
    public ValueTask<IReadOnlyList<string>> GetKeysAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(InboundKeyList.Parse(options.CurrentValue.AdapterApiKeys));
}
