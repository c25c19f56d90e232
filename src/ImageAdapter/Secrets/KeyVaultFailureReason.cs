namespace ImageAdapter.Secrets;

/// <summary>Why a vault read failed, in words an operator can act on. Carries no secret value.</summary>
internal enum KeyVaultFailureReason
{
    /// <summary>403 without <c>SecretDisabled</c>: the identity lacks the "Key Vault Secrets User" role.</summary>
    AccessDenied,

    /// <summary>404 <c>SecretNotFound</c>.</summary>
    SecretNotFound,

    /// <summary>403 <c>Forbidden</c> with inner code <c>SecretDisabled</c>: the secret's current version is disabled.</summary>
    SecretDisabled,

    /// <summary>The secret exists but its value is empty.</summary>
    EmptyValue,

    /// <summary>The credential could not get a token (managed identity endpoint missing or failing).</summary>
    AuthenticationFailed,

    /// <summary>Any other status from the vault (429, 5xx, …).</summary>
    ServiceError,

    /// <summary>No HTTP answer at all (DNS, refused connection, TLS, timeout).</summary>
    Unreachable,
}
