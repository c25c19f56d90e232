using System.Buffers.Binary;
using ImageAdapter.Validation;

namespace ImageAdapter.Imaging;

/// <summary>
/// Reads the format and pixel size from PNG and JPEG headers, so the response reports the real size of what
/// Fireworks returned, and catches a body that is not a whole image: anything else, or an image cut short
/// (a PNG must end with its IEND chunk, a JPEG with its end-of-image marker).
/// </summary>
internal static class ImageInspector
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // The IEND chunk: zero length, type "IEND", its fixed CRC.
    private static ReadOnlySpan<byte> PngEnd => [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    private static ReadOnlySpan<byte> JpegEnd => [0xFF, 0xD9];

    public static (ImageFormat Format, ImageSize Size)? Inspect(ReadOnlySpan<byte> bytes) => Inspect(bytes, bytes);

    /// <summary>
    /// The same check from an image's first bytes (<paramref name="head"/>) and last bytes (<paramref name="tail"/>)
    /// alone: what it reads of a whole image lies in them. Null also when a JPEG's frame header is not in the head.
    /// </summary>
    public static (ImageFormat Format, ImageSize Size)? Inspect(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        if (head.StartsWith(PngSignature))
        {
            return tail.EndsWith(PngEnd) ? ReadPng(head) : null;
        }

        return head is [0xFF, 0xD8, 0xFF, ..] && tail.EndsWith(JpegEnd) ? ReadJpeg(head) : null;
    }

    /// <summary>
    /// The pixel size of a client's input image, read from its header: a PNG, JPEG or WebP by its bytes, whatever it was
    /// declared to be; null for anything else. The rest of the image is Fireworks' to decode.
    /// </summary>
    public static ImageSize? ReadInputSize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(PngSignature))
        {
            return ReadPng(bytes)?.Size;
        }

        return bytes is [0xFF, 0xD8, 0xFF, ..] ? ReadJpeg(bytes)?.Size : ReadWebp(bytes);
    }

    // PNG: the IHDR chunk comes first; width and height are its first two big-endian 32-bit fields.
    private static (ImageFormat Format, ImageSize Size)? ReadPng(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 24 || !bytes.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(20, 4));
        return width > 0 && height > 0 ? (ImageFormat.Png, new ImageSize(width, height)) : null;
    }

    // JPEG: walk the marker segments to the first start-of-frame (SOF0..SOF15 except DHT, JPG and DAC), which holds height then width.
    private static (ImageFormat Format, ImageSize Size)? ReadJpeg(ReadOnlySpan<byte> bytes)
    {
        var position = 2;
        while (position + 9 <= bytes.Length)
        {
            if (bytes[position] != 0xFF)
            {
                return null;
            }

            var marker = bytes[position + 1];
            if (marker == 0xFF)
            {
                position++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(position + 2, 2));
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                var height = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(position + 5, 2));
                var width = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(position + 7, 2));
                return width > 0 && height > 0 ? (ImageFormat.Jpeg, new ImageSize(width, height)) : null;
            }

            position += 2 + length;
        }

        return null;
    }

    // WebP: "RIFF" size "WEBP", then the first chunk: "VP8 " (lossy: 14-bit sizes after the frame start code),
    // "VP8L" (lossless: 14-bit width-1 and height-1 after the 0x2F signature) or "VP8X" (24-bit canvas width-1, height-1).
    private static ImageSize? ReadWebp(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 30 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return null;
        }

        var chunk = bytes.Slice(12, 4);
        var (width, height) = chunk switch
        {
            _ when chunk.SequenceEqual("VP8 "u8) && bytes.Slice(23, 3).SequenceEqual((ReadOnlySpan<byte>)[0x9D, 0x01, 0x2A]) =>
                (BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(26, 2)) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(28, 2)) & 0x3FFF),
            _ when chunk.SequenceEqual("VP8L"u8) && bytes[20] == 0x2F =>
                LosslessSize(BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(21, 4))),
            _ when chunk.SequenceEqual("VP8X"u8) =>
                (ReadUInt24(bytes.Slice(24, 3)) + 1, ReadUInt24(bytes.Slice(27, 3)) + 1),
            _ => (0, 0),
        };
        return width > 0 && height > 0 ? new ImageSize(width, height) : null;
    }

    private static (int Width, int Height) LosslessSize(uint bits) => ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);

    private static int ReadUInt24(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
}
