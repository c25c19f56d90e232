using System.Buffers;
using System.Buffers.Text;
using System.Text;
using ImageAdapter.Imaging;
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
    /// The image in an answer's base64 string: canonical base64 (no whitespace; a <c>data:</c> prefix is skipped) is
    /// kept as it is, for the answer to copy through; anything else is decoded over itself
    /// (<see cref="DecodeInPlace"/>). Either way an SDXL n=4 answer's four images take no memory beyond the 9 MB of
    /// JSON that carried them. When <paramref name="utf8"/> sits at <paramref name="offset"/> in a body whose
    /// <see cref="NonBase64Bytes"/> were noted as it was read, those answer for all of the string but its last quad.
    /// </summary>
    public static ImageBody Read(Memory<byte> utf8, NonBase64Bytes? noted = null, int offset = 0)
    {
        var prefix = PrefixLength(utf8.Span);
        var payload = utf8[prefix..];
        return IsCanonical(payload.Span, noted, offset + prefix, out var length)
            ? ImageBody.FromCanonicalBase64(payload, length)
            : ImageBody.FromBytes(DecodeInPlace(payload));
    }

    // Canonical text decodes to exactly the length its characters promise (Base64.IsValid skips whitespace). Before its
    // last quad it can only hold the alphabet, which the noted bytes may already vouch for.
    private static bool IsCanonical(ReadOnlySpan<byte> payload, NonBase64Bytes? noted, int offset, out int length)
    {
        length = DecodedLength(payload);
        if (payload.Length % 4 != 0)
        {
            return false;
        }

        var vouched = noted?.AllBase64(offset, payload.Length - 4) == true ? payload.Length - 4 : 0;
        return Base64.IsValid(payload[vouched..], out var rest) && vouched / 4 * 3 + rest == length;
    }

    /// <summary>
    /// Decodes <paramref name="payload"/> over itself and returns the image, its first bytes. Whitespace is skipped, as
    /// <see cref="Convert.FromBase64String"/> skips it; anything else that is not base64 is a <see cref="FormatException"/>.
    /// </summary>
    private static Memory<byte> DecodeInPlace(Memory<byte> payload) =>
        Base64.DecodeFromUtf8InPlace(payload.Span, out var written) == OperationStatus.Done
            ? payload[..written]
            : throw new FormatException("The image is not valid base64.");

    private static ReadOnlySpan<byte> WithoutPrefix(ReadOnlySpan<byte> utf8) => utf8[PrefixLength(utf8)..];

    // A data: prefix without a comma is left in place, for the decoder to refuse.
    private static int PrefixLength(ReadOnlySpan<byte> utf8) => utf8.StartsWith("data:"u8) ? utf8.IndexOf((byte)',') + 1 : 0;

    // Exact for canonical base64 (no whitespace); anything else falls back above.
    private static int DecodedLength(ReadOnlySpan<byte> payload) =>
        payload.Length % 4 != 0 ? 0 : payload.Length / 4 * 3 - (payload.EndsWith("=="u8) ? 2 : payload.EndsWith("="u8) ? 1 : 0);
}
