namespace ImageAdapter.Translation;

/// <summary>Decodes Fireworks base64 image strings, which some answers prefix with <c>data:image/...;base64,</c>.</summary>
internal static class Base64Payload
{
    public static byte[] Decode(string text)
    {
        var payload = text.StartsWith("data:", StringComparison.Ordinal)
            ? text[(text.IndexOf(',', StringComparison.Ordinal) + 1)..]
            : text;
        return Convert.FromBase64String(payload);
    }
}
