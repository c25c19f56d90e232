using System.Buffers;
using System.Buffers.Text;
using System.Text;
using ImageAdapter.Resilience;

namespace ImageAdapter.Translation;

/// <summary>Decodes Fireworks base64 image strings, which some answers prefix with <c>data:image/...;base64,</c>.</summary>
internal static class Base64Payload
{
    /// <summary>
    /// Decodes straight from the UTF-8 of the JSON answer into a pooled buffer (<see cref="ImageBytes"/>): an SDXL n=4
    /// answer carries megabytes of base64, and going through a UTF-16 <see cref="string"/> first would triple what each
    /// request allocates.
    /// </summary>
    public static ReadOnlyMemory<byte> Decode(ReadOnlySpan<byte> utf8)
    {
        var payload = utf8.StartsWith("data:"u8) ? utf8[(utf8.IndexOf((byte)',') + 1)..] : utf8;
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

    // Exact for canonical base64 (no whitespace); anything else falls back above.
    private static int DecodedLength(ReadOnlySpan<byte> payload) =>
        payload.Length % 4 != 0 ? 0 : payload.Length / 4 * 3 - (payload.EndsWith("=="u8) ? 2 : payload.EndsWith("="u8) ? 1 : 0);
}
