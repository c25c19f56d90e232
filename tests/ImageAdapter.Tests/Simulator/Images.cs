using StbImageSharp;

namespace ImageAdapter.Tests.Simulator;

internal static class Images
{
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
}
