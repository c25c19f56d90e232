using Azure.Core;
using Azure.Identity;

namespace ImageAdapter.Telemetry;

/// <summary>
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>, as Azure Functions defines it: <c>Authorization=AAD</c> for the
/// system-assigned identity, <c>Authorization=AAD;ClientId=…</c> for a user-assigned one. With it, the Azure Monitor
/// exporters authenticate with that managed identity: an Application Insights resource with local authentication off
/// (as the Bicep deploys it) refuses telemetry sent with the connection string alone.
/// </summary>
internal static class ApplicationInsightsAuthentication
{
    public const string Setting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The managed identity the setting names, or null when it asks for no Entra authentication.</summary>
    public static ManagedIdentityId? Identity(string? authenticationString)
    {
        var parts = AzureMonitorSettingPairs.Split(authenticationString)
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned;
    }

    /// <summary>The credential for the Azure Monitor exporters, or null to send with the connection string alone.</summary>
    public static TokenCredential? Credential(string? authenticationString) =>
        Identity(authenticationString) is { } identity ? new ManagedIdentityCredential(identity) : null;
}
