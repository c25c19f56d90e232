using StbImageWriteSharp;

namespace ImageAdapter.Tests.Support;

/// <summary>Small, real input images for edit tests, and WebP headers built by hand (no WebP encoder is at hand).</summary>
internal static class InputImages
{
    public static byte[] Png(int width, int height) => Encode(width, height, (writer, pixels, stream) =>
        writer.WritePng(pixels, width, height, ColorComponents.RedGreenBlue, stream));

    public static byte[] Jpeg(int width, int height) => Encode(width, height, (writer, pixels, stream) =>
        writer.WriteJpg(pixels, width, height, ColorComponents.RedGreenBlue, stream, 90));

    /// <summary>A lossless WebP header: <c>RIFF</c>, <c>WEBP</c>, a <c>VP8L</c> chunk with 14-bit width-1 and height-1.</summary>
    public static byte[] WebpLossless(int width, int height)
    {
        var bytes = Riff("VP8L", 10);
        bytes[20] = 0x2F;
        BitConverter.TryWriteBytes(bytes.AsSpan(21, 4), (uint)(width - 1) | ((uint)(height - 1) << 14));
        return bytes;
    }

    /// <summary>A lossy WebP header: a <c>VP8 </c> chunk whose frame header holds the start code and 14-bit sizes.</summary>
    public static byte[] WebpLossy(int width, int height)
    {
        var bytes = Riff("VP8 ", 10);
        bytes[23] = 0x9D;
        bytes[24] = 0x01;
        bytes[25] = 0x2A;
        BitConverter.TryWriteBytes(bytes.AsSpan(26, 2), (ushort)width);
        BitConverter.TryWriteBytes(bytes.AsSpan(28, 2), (ushort)height);
        return bytes;
    }

    /// <summary>An extended WebP header: a <c>VP8X</c> chunk with 24-bit canvas width-1 and height-1.</summary>
    public static byte[] WebpExtended(int width, int height)
    {
        var bytes = Riff("VP8X", 10);
        WriteUInt24(bytes.AsSpan(24), width - 1);
        WriteUInt24(bytes.AsSpan(27), height - 1);
        return bytes;
    }

    public static byte[] Gif() => "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"u8.ToArray();

    private static byte[] Riff(string chunk, int chunkBytes)
    {
        var bytes = new byte[20 + chunkBytes];
        "RIFF"u8.CopyTo(bytes);
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), bytes.Length - 8);
        "WEBP"u8.CopyTo(bytes.AsSpan(8));
        System.Text.Encoding.ASCII.GetBytes(chunk).CopyTo(bytes, 12);
        BitConverter.TryWriteBytes(bytes.AsSpan(16, 4), chunkBytes);
        return bytes;
    }

    private static void WriteUInt24(Span<byte> target, int value) => (target[0], target[1], target[2]) = ((byte)value, (byte)(value >> 8), (byte)(value >> 16));

    private static byte[] Encode(int width, int height, Action<ImageWriter, byte[], Stream> write)
    {
        var pixels = new byte[width * height * 3];
        Random.Shared.NextBytes(pixels);
        using var stream = new MemoryStream();
        write(new ImageWriter(), pixels, stream);
        return stream.ToArray();
    }
}
