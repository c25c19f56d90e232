using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Secrets;

/// <summary>
/// Start-up checks of the <c>KeyVault</c> section, so a typo fails the deployment, not the first request. Given the
/// configuration (as registered), also the settings of the credential the vault is read with.
/// </summary>
internal sealed partial class KeyVaultOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<KeyVaultOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyVaultOptions options)
    {
        var failures = new List<string>();
        if (options.Uri is null || !options.Uri.IsAbsoluteUri || options.Uri.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add("KeyVault:Uri must be an absolute https URI such as https://<vault>.vault.azure.net/.");
        }

        if (!SecretName().IsMatch(options.FireworksApiKeySecret ?? ""))
        {
            failures.Add("KeyVault:FireworksApiKeySecret must be 1-127 letters, digits or dashes.");
        }

        if (!SecretName().IsMatch(options.AdapterApiKeysSecret ?? ""))
        {
            failures.Add("KeyVault:AdapterApiKeysSecret must be 1-127 letters, digits or dashes.");
        }

        // Turning the check off against a real vault would accept a token challenge from any resource.
        if (options.DisableChallengeResourceVerification && options.Uri is { IsAbsoluteUri: true, IsLoopback: false })
        {
            failures.Add("KeyVault:DisableChallengeResourceVerification is for a local fake vault only: KeyVault:Uri must then be a loopback address such as https://127.0.0.1:<port>/.");
        }

        if (options.CacheTtl <= TimeSpan.Zero)
        {
            failures.Add("KeyVault:CacheTtl must be positive.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("KeyVault:MaxRetries must be between 0 and 10.");
        }

        if (configuration is not null)
        {
            failures.AddRange(CredentialFailures(configuration));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// What is wrong with <c>AZURE_TOKEN_CREDENTIALS</c> and <c>AZURE_CLIENT_ID</c>. The credential is built on first use
    /// (a vault or blob read), so without this a bad value fails <c>/readyz</c> and every request instead of the start-up.
    /// Also used by <see cref="Storage.StorageOptionsValidator"/>, for blobs reached with the same credential.
    /// </summary>
    internal static IReadOnlyList<string> CredentialFailures(IConfiguration configuration)
    {
        var failures = new List<string>();
        var clientId = configuration[AzureCredentialFactory.ClientIdKey]?.Trim();
        if (!string.IsNullOrEmpty(clientId) && !Guid.TryParse(clientId, out _))
        {
            failures.Add($"{AzureCredentialFactory.ClientIdKey} must be the client id (a GUID) of the user-assigned managed identity, not '{clientId}'.");
        }

        try
        {
            _ = AzureCredentialFactory.Create(configuration); // builds what the first read will use; no network call
        }
        catch (InvalidOperationException exception)
        {
            // DefaultAzureCredential refuses a selection it does not know; its message lists the ones it knows.
            failures.Add($"{AzureCredentialFactory.SelectionKey} must be ManagedIdentityCredential (Azure), or dev or one credential name (local). {exception.Message}");
        }

        return failures;
    }

    // Key Vault's own rule for object names.
    [GeneratedRegex(@"^[0-9a-zA-Z-]{1,127}\z")]
    private static partial Regex SecretName();
}
