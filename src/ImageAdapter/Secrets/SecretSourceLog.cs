using Microsoft.Extensions.Logging;

namespace ImageAdapter.Secrets;

/// <summary>Log lines of the secret sources. They name secrets and statuses, never a value.</summary>
internal static partial class SecretSourceLog
{
    [LoggerMessage(1, LogLevel.Information, "Read secret {SecretName} (version {SecretVersion}) from Key Vault {VaultUri}")]
    public static partial void SecretRead(ILogger logger, string secretName, string? secretVersion, Uri vaultUri);

    [LoggerMessage(2, LogLevel.Warning,
        "Key Vault read of secret {SecretName} failed ({Reason}, status {Status}, code {ErrorCode}); serving the value cached {CachedAgo} ago")]
    public static partial void ServingCached(
        ILogger logger, string secretName, KeyVaultFailureReason reason, int status, string errorCode, TimeSpan cachedAgo, Exception? exception);

    [LoggerMessage(3, LogLevel.Error,
        "Key Vault read of secret {SecretName} failed ({Reason}, status {Status}, code {ErrorCode}) and no value is cached: requests fail with AdapterNotConfigured")]
    public static partial void NoValue(
        ILogger logger, string secretName, KeyVaultFailureReason reason, int status, string errorCode, Exception? exception);

    [LoggerMessage(4, LogLevel.Error,
        "Key Vault {VaultUri} denied reading secret {SecretName} (403): the adapter's identity lacks the \"Key Vault Secrets User\" role on the vault or secret")]
    public static partial void AccessDenied(ILogger logger, Uri vaultUri, string secretName);

    [LoggerMessage(5, LogLevel.Error, "Secret {SecretName} does not exist in Key Vault {VaultUri} (404 SecretNotFound)")]
    public static partial void SecretNotFound(ILogger logger, string secretName, Uri vaultUri);

    [LoggerMessage(6, LogLevel.Error, "Secret {SecretName} in Key Vault {VaultUri} is disabled (403 SecretDisabled): enable it or add a new version")]
    public static partial void SecretDisabled(ILogger logger, string secretName, Uri vaultUri);

    [LoggerMessage(7, LogLevel.Error, "Secret {SecretName} in Key Vault {VaultUri} has an empty value")]
    public static partial void EmptyValue(ILogger logger, string secretName, Uri vaultUri);

    [LoggerMessage(8, LogLevel.Information, "Reloading secret {SecretName} because the upstream rejected the cached value")]
    public static partial void ReloadAfterRejection(ILogger logger, string secretName);
}
