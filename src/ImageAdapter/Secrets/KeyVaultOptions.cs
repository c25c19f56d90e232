namespace ImageAdapter.Secrets;

/// <summary>
/// The <c>KeyVault</c> configuration section. When <see cref="Uri"/> is set both secrets (the Fireworks key and the
/// adapter's inbound keys) are read from that vault at run time; otherwise the local-only settings in
/// <see cref="LocalSecretsOptions"/> are used.
/// </summary>
internal sealed class KeyVaultOptions
{
    public const string SectionName = "KeyVault";

    /// <summary>Whether <c>KeyVault:Uri</c> is set: then both secrets come from Key Vault.</summary>
    public static bool IsConfigured(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{SectionName}:Uri"]);

    /// <summary><c>KeyVault:Uri</c>, e.g. <c>https://kv-imageadapter.vault.azure.net/</c>. Unset: no Key Vault.</summary>
    public Uri? Uri { get; set; }

    /// <summary><c>KeyVault:FireworksApiKeySecret</c>: secret holding the Fireworks API key.</summary>
    public string FireworksApiKeySecret { get; set; } = "fireworks-api-key";

    /// <summary><c>KeyVault:AdapterApiKeysSecret</c>: secret holding the inbound keys, separated by newlines or commas.</summary>
    public string AdapterApiKeysSecret { get; set; } = "adapter-api-keys";

    /// <summary><c>KeyVault:CacheTtl</c>: how long a value read from the vault is served before it is read again.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>KeyVault:MaxRetries</c>: retries of one vault read (Azure SDK default 3, exponential from 0.8 s).
    /// Only a cold cache waits for them; a warm cache keeps serving.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// <c>KeyVault:DisableChallengeResourceVerification</c>: for a local fake vault on 127.0.0.1 only. The SDK
    /// otherwise refuses a vault whose host is not under the challenge's resource domain (vault.azure.net).
    /// </summary>
    public bool DisableChallengeResourceVerification { get; set; }
}
