using ImageAdapter.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Http;

/// <summary>
/// Start-up checks of how requests are authenticated. Serving without a key is for a developer's machine only: it is
/// refused outside the Development environment and whenever a Key Vault is configured (a deployed app). A key list
/// that is set but holds no key is a mistake, not a request for anonymous access.
/// </summary>
internal sealed class AuthOptionsValidator(IConfiguration configuration, IHostEnvironment? environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var keys = configuration[LocalSecretsOptions.AdapterApiKeysKey];
        if (!string.IsNullOrEmpty(keys) && InboundKeyList.Parse(keys).Count == 0)
        {
            failures.Add("Auth__ApiKeys is set but holds no key: give one or more keys separated by commas or new lines, or remove the setting.");
        }

        if (options.AllowAnonymous && KeyVaultOptions.IsConfigured(configuration))
        {
            failures.Add("Auth__AllowAnonymous=true cannot be used with Key Vault (KeyVault__Uri is set): a deployed adapter must check keys.");
        }

        if (options.AllowAnonymous && !IsDevelopment())
        {
            failures.Add("Auth__AllowAnonymous=true is for local development only: it needs the Development environment (ASPNETCORE_ENVIRONMENT or AZURE_FUNCTIONS_ENVIRONMENT).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // `func start` sets AZURE_FUNCTIONS_ENVIRONMENT for the worker; the server has the usual host environment.
    private bool IsDevelopment() =>
        environment?.IsDevelopment() == true
        || string.Equals(configuration["AZURE_FUNCTIONS_ENVIRONMENT"], Environments.Development, StringComparison.OrdinalIgnoreCase);
}
