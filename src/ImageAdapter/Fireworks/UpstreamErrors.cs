using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ImageAdapter.Errors;

namespace ImageAdapter.Fireworks;

/// <summary>
/// Maps a non-2xx Fireworks answer to the adapter's error kinds. Only the message field of a 400's JSON error body
/// reaches the client (it tells them what to fix), shortened and with the key redacted (<see cref="KeyRedaction"/>);
/// other upstream bodies, and any body that is not a JSON error, stay out of responses.
/// </summary>
internal static class UpstreamErrors
{
    private const int MaxDetailLength = 300;

    // Longer messages are cut before redaction, which bounds its work; the client sees at most MaxDetailLength.
    private const int MaxMessageLength = 2000;

    public static AdapterException FromResponse(HttpStatusCode status, HttpResponseHeaders headers, ReadOnlyMemory<byte> body, string fireworksKey)
    {
        var code = (int)status;
        var retryAfter = RetryAfter(headers);
        return code switch
        {
            400 or 413 or 422 => new AdapterException(AdapterErrorKind.UpstreamBadRequest,
                $"Fireworks rejected the request ({code}): {Detail(body, fireworksKey)}"),
            401 or 403 => new AdapterException(AdapterErrorKind.UpstreamAuthenticationFailed,
                $"Fireworks rejected the adapter's credentials ({code}). The operator must check the Fireworks API key."),
            402 => new AdapterException(AdapterErrorKind.UpstreamPaymentRequired,
                "Fireworks refused the request: the account is not on a paid plan or has reached its usage limit (402)."),
            404 => new AdapterException(AdapterErrorKind.UpstreamModelNotFound,
                "Fireworks does not serve this model to the adapter's account (404).", "model"),
            408 or 504 => new AdapterException(AdapterErrorKind.UpstreamTimeout, $"Fireworks timed out ({code})."),
            429 => new AdapterException(AdapterErrorKind.UpstreamRateLimited, "Fireworks rate limit reached (429). Retry later.")
            {
                RetryAfter = retryAfter,
            },
            503 => new AdapterException(AdapterErrorKind.UpstreamUnavailable, "Fireworks is unavailable (503). Retry later.")
            {
                RetryAfter = retryAfter,
            },
            _ => new AdapterException(AdapterErrorKind.UpstreamError, $"Fireworks failed to generate the image ({code})."),
        };
    }

    /// <summary><c>Retry-After</c> as seconds or an HTTP date, relative to now.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The message of any of Fireworks' JSON error shapes, shortened and without the key; nothing else.</summary>
    public static string Detail(ReadOnlyMemory<byte> body, string fireworksKey)
    {
        var message = JsonMessage(body);
        if (message is null)
        {
            return "no detail given.";
        }

        var text = KeyRedaction.Redact(message.Length <= MaxMessageLength ? message : message[..MaxMessageLength], fireworksKey);
        text = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0)
        {
            return "no detail given.";
        }

        return text.Length <= MaxDetailLength ? text : string.Concat(text.AsSpan(0, MaxDetailLength), "…");
    }

    // Shapes seen: {"error":{"message"}}, {"error":"..."}, {"detail":"..."}, {"fault":{"faultstring"}}, {"error_message":"..."}.
    private static string? JsonMessage(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return Text(root, "error", "message") ?? Text(root, "error") ?? Text(root, "detail")
                ?? Text(root, "fault", "faultstring") ?? Text(root, "error_message");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
