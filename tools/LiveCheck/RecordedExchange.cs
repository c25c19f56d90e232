using System.Text;
using System.Text.Json;

namespace ImageAdapter.LiveCheck;

/// <summary>
/// One call as it crossed the pass-through: the request sent upstream (the <c>Authorization</c> value already
/// redacted) and the answer that came back.
/// </summary>
internal sealed record RecordedExchange(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> RequestHeaders,
    byte[] RequestBody,
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders,
    byte[] ResponseBody,
    string? ForwardError = null)
{
    public const string Redacted = "[redacted]";

    public bool Succeeded => Status is >= 200 and < 300;

    public string? ResponseHeader(string name) =>
        ResponseHeaders.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Media type of the answer without parameters (<c>application/json</c>), or null.</summary>
    public string? MediaType => ResponseHeader("Content-Type")?.Split(';')[0].Trim().ToLowerInvariant();

    public string RequestText => Encoding.UTF8.GetString(RequestBody);

    /// <summary>The answer as JSON, or null when it is not JSON.</summary>
    public JsonDocument? ResponseJson()
    {
        try
        {
            return ResponseBody.Length == 0 ? null : JsonDocument.Parse(ResponseBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>Bearer [redacted]</c> for any bearer token, <c>[redacted]</c> for anything else.</summary>
    public static string RedactAuthorization(string value) =>
        value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? $"Bearer {Redacted}" : Redacted;
}
