using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Secrets;

/// <summary>Start-up checks of the <c>KeyVault</c> section, so a typo fails the deployment, not the first request.</summary>
internal sealed partial class KeyVaultOptionsValidator : IValidateOptions<KeyVaultOptions>
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Key Vault's own rule for object names.
    [GeneratedRegex(@"^[0-9a-zA-Z-]{1,127}\z")]
    private static partial Regex SecretName();
}
