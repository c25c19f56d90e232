using static System.Buffers.Binary.BinaryPrimitives;

namespace FireworksSimulator.Imaging;

/// <summary>
/// Format and size of an image, read from its header only: the simulator checks what a Kontext
/// <c>input_image</c> is without decoding it. PNG, JPEG and WebP are accepted; anything else is no image.
/// </summary>
internal sealed record ImageHeader(string Format, int Width, int Height)
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegStart => [0xFF, 0xD8];
    private static ReadOnlySpan<byte> Vp8StartCode => [0x9D, 0x01, 0x2A];

    /// <summary>The header of a PNG, JPEG or WebP, or null for anything else (or a broken header).</summary>
    public static ImageHeader? Read(ReadOnlySpan<byte> bytes) => ReadPng(bytes) ?? ReadJpeg(bytes) ?? ReadWebP(bytes);

    // The signature, then the IHDR chunk, which must come first: length, "IHDR", width, height (big-endian).
    private static ImageHeader? ReadPng(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 24 && bytes.StartsWith(PngSignature) && bytes[12..16].SequenceEqual("IHDR"u8)
            ? Sized("png", ReadInt32BigEndian(bytes[16..]), ReadInt32BigEndian(bytes[20..]))
            : null;

    // Walks the segments up to the first start-of-frame (SOFn): length, precision, height, width.
    private static ImageHeader? ReadJpeg(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.StartsWith(JpegStart))
        {
            return null;
        }

        var at = 2;
        while (at + 4 <= bytes.Length && bytes[at] == 0xFF)
        {
            var marker = bytes[at + 1];
            if (marker is 0xFF or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += marker == 0xFF ? 1 : 2; // a fill byte, or a marker without a length
                continue;
            }

            if (IsStartOfFrame(marker))
            {
                return at + 9 <= bytes.Length
                    ? Sized("jpeg", ReadUInt16BigEndian(bytes[(at + 7)..]), ReadUInt16BigEndian(bytes[(at + 5)..]))
                    : null;
            }

            var length = ReadUInt16BigEndian(bytes[(at + 2)..]);
            if (marker is 0xDA or 0xD9 || length < 2)
            {
                return null; // scan data or the end before any frame header
            }

            at += 2 + length;
        }

        return null;
    }

    // DHT (C4), JPG (C8) and DAC (CC) share the range but are no frame headers.
    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    // RIFF container (RFC 9649): "RIFF", size, "WEBP", then the first chunk decides where the size is.
    private static ImageHeader? ReadWebP(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 20 || !bytes.StartsWith("RIFF"u8) || !bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return null;
        }

        var chunk = bytes[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Lossy (RFC 6386 §9.1): 3-byte frame tag, start code 9D 01 2A, 14-bit width and height (top 2 bits: scale).
            return bytes.Length >= 30 && bytes[23..26].SequenceEqual(Vp8StartCode)
                ? Sized("webp", ReadUInt16LittleEndian(bytes[26..]) & 0x3FFF, ReadUInt16LittleEndian(bytes[28..]) & 0x3FFF)
                : null;
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            // Lossless: signature byte 0x2F, then width-1 and height-1 packed in 14 bits each.
            if (bytes.Length < 25 || bytes[20] != 0x2F)
            {
                return null;
            }

            var packed = ReadUInt32LittleEndian(bytes[21..]);
            return Sized("webp", (int)(packed & 0x3FFF) + 1, (int)((packed >> 14) & 0x3FFF) + 1);
        }

        // Extended: flags and 3 reserved bytes, then 24-bit canvas width-1 and height-1.
        return chunk.SequenceEqual("VP8X"u8) && bytes.Length >= 30
            ? Sized("webp", ReadUInt24LittleEndian(bytes[24..]) + 1, ReadUInt24LittleEndian(bytes[27..]) + 1)
            : null;
    }

    private static int ReadUInt24LittleEndian(ReadOnlySpan<byte> bytes) => bytes[0] | bytes[1] << 8 | bytes[2] << 16;

    private static ImageHeader? Sized(string format, int width, int height) =>
        width > 0 && height > 0 ? new ImageHeader(format, width, height) : null;
}
