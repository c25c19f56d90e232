using System.Security.Cryptography;
using System.Text;
using FireworksSimulator.Imaging;
using StbImageSharp;

namespace ImageAdapter.Tests.Simulator;

internal static class Images
{
    private static readonly ImageEncoder Encoder = new();

    /// <summary>Fully decodes the image (a truncated one throws) and returns its size.</summary>
    public static (int Width, int Height) Decode(byte[] bytes)
    {
        var image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue);
        return (image.Width, image.Height);
    }

    /// <summary>Reads only the header: cheap, for tests that need the size, not proof of integrity.</summary>
    public static (int Width, int Height) Size(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var info = ImageInfo.FromStream(stream) ?? throw new InvalidDataException("Not an image");
        return (info.Width, info.Height);
    }

    public static bool IsPng(byte[] bytes) => bytes is [0x89, (byte)'P', (byte)'N', (byte)'G', ..];

    public static bool IsJpeg(byte[] bytes) => bytes is [0xFF, 0xD8, ..];

    /// <summary>A real PNG, encoded by the simulator's own encoder.</summary>
    public static byte[] Png(int width, int height) => Encoder.Encode(width, height, ImageFormat.Png);

    /// <summary>A real JPEG, encoded by the simulator's own encoder.</summary>
    public static byte[] Jpeg(int width, int height) => Encoder.Encode(width, height, ImageFormat.Jpeg);

    // Hand-made WebP headers (RFC 9649) with no image data behind them: the simulator reads only headers.

    /// <summary>Lossy: a <c>VP8 </c> chunk, frame tag, start code, then 14-bit width and height.</summary>
    public static byte[] WebPLossy(int width, int height) =>
        Riff("VP8 ", [0, 0, 0, 0x9D, 0x01, 0x2A, .. LittleEndian(width, 2), .. LittleEndian(height, 2)]);

    /// <summary>Lossless: a <c>VP8L</c> chunk, signature 0x2F, then width-1 and height-1 in 14 bits each.</summary>
    public static byte[] WebPLossless(int width, int height) =>
        Riff("VP8L", [0x2F, .. LittleEndian((width - 1) | (height - 1) << 14, 4)]);

    /// <summary>Extended: a <c>VP8X</c> chunk, flags, reserved bytes, then 24-bit canvas width-1 and height-1.</summary>
    public static byte[] WebPExtended(int width, int height) =>
        Riff("VP8X", [0, 0, 0, 0, .. LittleEndian(width - 1, 3), .. LittleEndian(height - 1, 3)]);

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Riff(string chunk, byte[] payload)
    {
        byte[] webp = [.. "WEBP"u8, .. Encoding.ASCII.GetBytes(chunk), .. LittleEndian(payload.Length, 4), .. payload];
        return [.. "RIFF"u8, .. LittleEndian(webp.Length, 4), .. webp];
    }

    private static byte[] LittleEndian(int value, int count) =>
        [.. Enumerable.Range(0, count).Select(i => (byte)(value >> (8 * i)))];
}
