using System.Text.Json;
using Azure;
using Azure.Identity;

namespace ImageAdapter.Secrets;

/// <summary>A failed vault read: the reason, status and error code an operator needs; never the response body.</summary>
internal sealed record KeyVaultFailure(KeyVaultFailureReason Reason, int Status, string ErrorCode, Exception? Exception)
{
    public static KeyVaultFailure From(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } e => new(KeyVaultFailureReason.Unreachable, 0, "", e.InnerException ?? e),
        RequestFailedException e => FromStatus(e),
        AuthenticationFailedException or CredentialUnavailableException =>
            new(KeyVaultFailureReason.AuthenticationFailed, 0, "", exception),
        _ => new(KeyVaultFailureReason.Unreachable, 0, "", exception),
    };

    private static KeyVaultFailure FromStatus(RequestFailedException e)
    {
        // Key Vault answers both "no role" and "disabled secret" with 403 code Forbidden; only the inner code
        // tells them apart (ForbiddenByRbac / ForbiddenByPolicy vs SecretDisabled).
        var code = InnerErrorCode(e) ?? e.ErrorCode ?? "";
        var reason = (e.Status, code) switch
        {
            (404, _) => KeyVaultFailureReason.SecretNotFound,
            (403, "SecretDisabled") => KeyVaultFailureReason.SecretDisabled,
            (403, _) => KeyVaultFailureReason.AccessDenied,
            _ => KeyVaultFailureReason.ServiceError,
        };

        // The exception itself is not kept: its message quotes the response, which is not ours to log verbatim.
        return new(reason, e.Status, code, null);
    }

    private static string? InnerErrorCode(RequestFailedException e)
    {
        var content = e.GetRawResponse()?.Content;
        if (content is null || content.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            return document.RootElement.TryGetProperty("error", out var error)
                && error.TryGetProperty("innererror", out var inner)
                && inner.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String
                    ? code.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
