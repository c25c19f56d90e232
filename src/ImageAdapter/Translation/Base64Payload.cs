using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ImageAdapter.Translation;

/// <summary>Decodes Fireworks base64 image strings, which some answers prefix with <c>data:image/...;base64,</c>.</summary>
internal static class Base64Payload
{
    /// <summary>
    /// Decodes straight from the UTF-8 of the JSON answer: an SDXL n=4 answer carries megabytes of base64, and going
    /// through a UTF-16 <see cref="string"/> first would triple what each request allocates.
    /// </summary>
    public static byte[] Decode(ReadOnlySpan<byte> utf8)
    {
        var payload = utf8.StartsWith("data:"u8) ? utf8[(utf8.IndexOf((byte)',') + 1)..] : utf8;
        var decoded = new byte[DecodedLength(payload)];
        return Base64.DecodeFromUtf8(payload, decoded, out _, out var written) == OperationStatus.Done && written == decoded.Length
            ? decoded
            : Convert.FromBase64String(Encoding.UTF8.GetString(payload)); // whitespace inside, or not base64: the lenient decoder decides
    }

    // Exact for canonical base64 (no whitespace); anything else falls back above.
    private static int DecodedLength(ReadOnlySpan<byte> payload) =>
        payload.Length % 4 != 0 ? 0 : payload.Length / 4 * 3 - (payload.EndsWith("=="u8) ? 2 : payload.EndsWith("="u8) ? 1 : 0);
}
