namespace ImageAdapter.Secrets;

/// <summary>
/// The inbound keys from Key Vault (secret <c>KeyVault:AdapterApiKeysSecret</c>, keys separated by newlines or
/// commas), cached. Two keys can be live while the gateway's key is rotated; a key removed from the secret stops
/// working once the cache expires.
/// </summary>
internal sealed class KeyVaultInboundKeySource(KeyVaultSecretCache cache) : IInboundKeySource
{
    private ParsedKeys? parsed;

    public async ValueTask<IReadOnlyList<string>> GetKeysAsync(CancellationToken cancellationToken)
    {
        string raw;
        try
        {
            raw = await cache.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (KeyVaultReadException)
        {
            throw SecretsUnavailable.InboundKeys();
        }

        var last = Volatile.Read(ref parsed);
        if (last is not null && ReferenceEquals(last.Raw, raw))
        {
            return last.Keys;
        }

        var fresh = new ParsedKeys(raw, InboundKeyList.Parse(raw));
        Volatile.Write(ref parsed, fresh);
        return fresh.Keys;
    }

    private sealed record ParsedKeys(string Raw, IReadOnlyList<string> Keys);
}
