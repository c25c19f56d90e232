using System.Buffers;
using System.Buffers.Text;
using System.Text;
using ImageAdapter.Resilience;

namespace ImageAdapter.Translation;

/// <summary>Decodes Fireworks base64 image strings, which some answers prefix with <c>data:image/...;base64,</c>.</summary>
internal static class Base64Payload
{
    /// <summary>
    /// Decodes straight from UTF-8 into a pooled buffer (<see cref="ImageBytes"/>): a client's input image carries
    /// megabytes of base64, and going through a UTF-16 <see cref="string"/> first would triple what each request allocates.
    /// </summary>
    public static ReadOnlyMemory<byte> Decode(ReadOnlySpan<byte> utf8)
    {
        var payload = WithoutPrefix(utf8);
        var length = DecodedLength(payload);
        var decoded = ImageBytes.Rent(length);
        if (Base64.DecodeFromUtf8(payload, decoded.GetSpan(length), out _, out var written) == OperationStatus.Done && written == length)
        {
            decoded.Advance(written);
            return ImageMemoryBudget.Keep(decoded);
        }

        decoded.Dispose();
        return Convert.FromBase64String(Encoding.UTF8.GetString(payload)); // whitespace inside, or not base64: the lenient decoder decides
    }

    /// <summary>
    /// Decodes <paramref name="utf8"/> over itself and returns the image, its first bytes: an SDXL n=4 answer's four
    /// images take no memory beyond the 9 MB of JSON that carried them. Whitespace is skipped, as
    /// <see cref="Convert.FromBase64String"/> skips it; anything else that is not base64 is a <see cref="FormatException"/>.
    /// </summary>
    public static Memory<byte> DecodeInPlace(Memory<byte> utf8)
    {
        var payload = utf8[PrefixLength(utf8.Span)..];
        return Base64.DecodeFromUtf8InPlace(payload.Span, out var written) == OperationStatus.Done
            ? payload[..written]
            : throw new FormatException("The image is not valid base64.");
    }

    private static ReadOnlySpan<byte> WithoutPrefix(ReadOnlySpan<byte> utf8) => utf8[PrefixLength(utf8)..];

    // A data: prefix without a comma is left in place, for the decoder to refuse.
    private static int PrefixLength(ReadOnlySpan<byte> utf8) => utf8.StartsWith("data:"u8) ? utf8.IndexOf((byte)',') + 1 : 0;

    // Exact for canonical base64 (no whitespace); anything else falls back above.
    private static int DecodedLength(ReadOnlySpan<byte> payload) =>
        payload.Length % 4 != 0 ? 0 : payload.Length / 4 * 3 - (payload.EndsWith("=="u8) ? 2 : payload.EndsWith("="u8) ? 1 : 0);
}
