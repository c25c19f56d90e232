using System.Buffers;
using System.Buffers.Text;
using System.Text.Json.Serialization;
using ImageAdapter.Resilience;
using ImageAdapter.Translation;
using ImageAdapter.Validation;

namespace ImageAdapter.Imaging;

/// <summary>
/// One image's bytes, held either decoded or as the canonical base64 text Fireworks sent them in (the artifacts of an
/// SDXL answer with several samples). A <c>b64_json</c> answer copies that text through: decoding an n=4 answer's
/// 9 MB of base64 in place (a decoder that is not vectorised) and encoding it again took about 7 ms of CPU per
/// request. The text was checked to be base64 when it was read (<see cref="Base64Payload.Read"/>), and
/// <see cref="Inspect"/> decodes its header and its last bytes, so the image is checked as a decoded one would be.
/// </summary>
[JsonConverter(typeof(ImageBodyJsonConverter))]
internal readonly record struct ImageBody
{
    // Enough of the image for its header: a PNG's IHDR is in its first 33 bytes; a JPEG's frame header follows its
    // APPn segments, which rarely reach 48 KiB. A header that does not fit is read from the whole image.
    private const int HeadBase64Bytes = 64 * 1024;

    // Five base64 quads: at least 13 bytes, one more than a PNG's IEND chunk, whatever the padding.
    private const int TailBase64Bytes = 20;

    private ImageBody(ReadOnlyMemory<byte> decoded, ReadOnlyMemory<byte> text, int length)
    {
        Decoded = decoded;
        Text = text;
        Length = length;
    }

    public static ImageBody Empty => default;

    /// <summary>The bytes, when held decoded; empty when held as base64.</summary>
    public ReadOnlyMemory<byte> Decoded { get; }

    /// <summary>The canonical base64 text (no prefix, no whitespace), when held as base64; empty when held decoded.</summary>
    public ReadOnlyMemory<byte> Text { get; }

    /// <summary>How many bytes the image has.</summary>
    public int Length { get; }

    public bool IsBase64 => !Text.IsEmpty;

    /// <summary>How long its base64 is: the text itself, or what encoding the bytes gives.</summary>
    public int Base64Length => IsBase64 ? Text.Length : Base64.GetMaxEncodedToUtf8Length(Length);

    public static ImageBody FromBytes(ReadOnlyMemory<byte> bytes) => new(bytes, ReadOnlyMemory<byte>.Empty, bytes.Length);

    /// <summary>Canonical base64 text of <paramref name="length"/> bytes, as <see cref="Base64Payload.Read"/> checked it.</summary>
    public static ImageBody FromCanonicalBase64(ReadOnlyMemory<byte> text, int length) => new(ReadOnlyMemory<byte>.Empty, text, length);

    /// <summary>
    /// The bytes: when held as base64, decoded into a pooled buffer that the current request holds, and counts against
    /// its <see cref="ImageMemoryBudget"/>, until its answer is written (a stored URL needs the bytes).
    /// </summary>
    public ReadOnlyMemory<byte> Decode()
    {
        if (!IsBase64)
        {
            return Decoded;
        }

        ImageMemoryBudget.Charge(Length);
        return Base64Payload.Decode(Text.Span);
    }

    /// <summary>The format and pixel size, or null for anything that is not a whole PNG or JPEG (<see cref="ImageInspector"/>).</summary>
    public (ImageFormat Format, ImageSize Size)? Inspect()
    {
        if (!IsBase64)
        {
            return ImageInspector.Inspect(Decoded.Span);
        }

        var head = ArrayPool<byte>.Shared.Rent(HeadBase64Bytes / 4 * 3);
        try
        {
            if (Text.Length <= HeadBase64Bytes)
            {
                return ImageInspector.Inspect(head.AsSpan(0, DecodeAll(Text.Span, head)));
            }

            Span<byte> tail = stackalloc byte[TailBase64Bytes / 4 * 3];
            var headLength = DecodeAll(Text.Span[..HeadBase64Bytes], head);
            var tailLength = DecodeAll(Text.Span[^TailBase64Bytes..], tail);
            return ImageInspector.Inspect(head.AsSpan(0, headLength), tail[..tailLength]) ?? ImageInspector.Inspect(Decode().Span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    private static int DecodeAll(ReadOnlySpan<byte> text, Span<byte> bytes) =>
        Base64.DecodeFromUtf8(text, bytes, out _, out var written) == OperationStatus.Done
            ? written
            : throw new InvalidOperationException("Text read as canonical base64 no longer decodes.");
}
