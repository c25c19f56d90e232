namespace ImageAdapter.Secrets;

/// <summary>The Fireworks key from Key Vault (secret <c>KeyVault:FireworksApiKeySecret</c>), cached.</summary>
internal sealed class KeyVaultFireworksKeySource(KeyVaultSecretCache cache) : IFireworksKeySource
{
    public async ValueTask<string> GetKeyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await cache.GetAsync(cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (KeyVaultReadException)
        {
            throw SecretsUnavailable.FireworksKey();
        }
    }

    public async ValueTask<string> RefreshKeyAsync(string rejectedKey, CancellationToken cancellationToken)
    {
        try
        {
            // The rejected key is the trimmed value this source handed out.
            var newest = await cache
                .ReloadIfCurrentAsync(raw => string.Equals(raw.Trim(), rejectedKey, StringComparison.Ordinal), cancellationToken)
                .ConfigureAwait(false);
            return newest.Trim();
        }
        catch (KeyVaultReadException)
        {
            throw SecretsUnavailable.FireworksKey();
        }
    }
}
