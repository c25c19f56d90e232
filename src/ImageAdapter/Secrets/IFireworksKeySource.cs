namespace ImageAdapter.Secrets;

/// <summary>Where the Fireworks API key comes from (configuration locally, Key Vault in Azure).</summary>
public interface IFireworksKeySource
{
    /// <summary>The current key. Throws <see cref="Errors.AdapterException"/> (AdapterNotConfigured) when none can be had.</summary>
    ValueTask<string> GetKeyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called once when Fireworks rejected <paramref name="rejectedKey"/> with 401/403: reload from the source
    /// (a key rotated in Key Vault takes effect without a restart) and return the newest key.
    /// </summary>
    ValueTask<string> RefreshKeyAsync(string rejectedKey, CancellationToken cancellationToken);
}
