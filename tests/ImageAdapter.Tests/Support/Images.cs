using StbImageSharp;

namespace ImageAdapter.Tests.Support;

/// <summary>Decodes images for real, the way a user's viewer would.</summary>
internal static class Images
{
    public static (int Width, int Height) Decode(BinaryData bytes) => Decode(bytes.ToArray());

    public static (int Width, int Height) Decode(byte[] bytes)
    {
        var image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue);
        return (image.Width, image.Height);
    }

    public static bool IsPng(byte[] bytes) => bytes is [0x89, 0x50, 0x4E, 0x47, ..];

    public static bool IsJpeg(byte[] bytes) => bytes is [0xFF, 0xD8, 0xFF, ..];
}
