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

    public static bool IsPng(byte[] bytes) => bytes is [0x89, (byte)'P', (byte)'N', (byte)'G', ..];

    public static bool IsJpeg(byte[] bytes) => bytes is [0xFF, 0xD8, ..];
}
