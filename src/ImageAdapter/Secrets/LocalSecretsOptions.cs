namespace ImageAdapter.Secrets;

/// <summary>
/// Local-only secrets, used when <c>KeyVault:Uri</c> is not set: <c>Fireworks:ApiKey</c> and <c>Auth:ApiKeys</c>
/// (comma-separated). Never set these in Azure: there the values live in Key Vault.
/// </summary>
internal sealed class LocalSecretsOptions
{
    public const string FireworksApiKeyKey = "Fireworks:ApiKey";

    public const string AdapterApiKeysKey = "Auth:ApiKeys";

    public string? FireworksApiKey { get; set; }

    public string? AdapterApiKeys { get; set; }
}
