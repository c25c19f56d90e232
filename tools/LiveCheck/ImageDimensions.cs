using StbImageSharp;

namespace ImageAdapter.LiveCheck;

/// <summary>The pixel size written in a PNG or JPEG header, read without decoding the image.</summary>
internal static class ImageDimensions
{
    /// <summary><c>WxH</c>, or null when the bytes are no image stb_image knows.</summary>
    public static string? Of(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        using var stream = new MemoryStream(bytes, writable: false);
        return ImageInfo.FromStream(stream) is { } info ? $"{info.Width}x{info.Height}" : null;
    }
}
