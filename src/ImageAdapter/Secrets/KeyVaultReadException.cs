namespace ImageAdapter.Secrets;

/// <summary>
/// A vault read failed and nothing was cached. Internal to the secret sources: each source turns it into its own
/// client-safe <see cref="Errors.AdapterException"/>, which carries no vault detail.
/// </summary>
internal sealed class KeyVaultReadException(KeyVaultFailure failure)
    : Exception($"Key Vault read failed: {failure.Reason} (status {failure.Status}).", failure.Exception)
{
    public KeyVaultFailure Failure { get; } = failure;
}
