using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace ImageAdapter.Secrets;

/// <summary>
/// Builds the process's one <see cref="TokenCredential"/> from configuration (environment variables arrive through
/// <see cref="IConfiguration"/> in both hosts):
/// <list type="bullet">
/// <item><c>AZURE_TOKEN_CREDENTIALS</c> unset or <c>ManagedIdentityCredential</c> → <see cref="ManagedIdentityCredential"/>,
/// user-assigned when <c>AZURE_CLIENT_ID</c> is set, else system-assigned. This is the Azure setting: a specific
/// credential, no probing of developer tools, no silent fallback.</item>
/// <item>Any other value (<c>dev</c>, <c>AzureCliCredential</c>, …) → <c>new DefaultAzureCredential(DefaultAzureCredential.DefaultEnvironmentVariableName)</c>,
/// which honours the same variable; for local runs against a real vault. That constructor reads the environment
/// variable itself, so set it in the environment, not in appsettings.</item>
/// </list>
/// Tests and hosts that need another credential register a <see cref="TokenCredential"/> before calling
/// <see cref="SecretServiceCollectionExtensions.AddSecretSources"/>.
/// </summary>
internal static class AzureCredentialFactory
{
    public const string SelectionKey = "AZURE_TOKEN_CREDENTIALS";

    public const string ClientIdKey = "AZURE_CLIENT_ID";

    public static TokenCredential Create(IConfiguration configuration)
    {
        var selection = configuration[SelectionKey]?.Trim();
        var clientId = configuration[ClientIdKey]?.Trim();

        if (string.IsNullOrEmpty(selection)
            || string.Equals(selection, nameof(ManagedIdentityCredential), StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(string.IsNullOrEmpty(clientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        var options = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrEmpty(clientId))
        {
            options.ManagedIdentityClientId = clientId;
        }

        return new DefaultAzureCredential(DefaultAzureCredential.DefaultEnvironmentVariableName, options);
    }
}
