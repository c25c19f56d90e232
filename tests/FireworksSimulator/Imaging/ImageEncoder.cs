using System.Collections.Concurrent;
using System.Text;
using StbImageWriteSharp;

namespace FireworksSimulator.Imaging;

/// <summary>
/// Real, decodable images of exactly the claimed size. A gradient with pseudo-random noise keeps a
/// 1024x1024 PNG near 1.5 MB, a realistic payload for benchmarks; content-filtered answers get a
/// black image, like a safety checker blanking its output. Encoding is slow, so every
/// (size, format, quality, filtered) combination is encoded once and shared, as bytes and as the base64 that JSON
/// answers carry (a 1024x1024 image is 2.2 MB of base64: encoding it for every artifact of every answer made the
/// simulator, not the adapter, the bottleneck of the n &gt; 1 benchmarks).
/// </summary>
internal sealed class ImageEncoder
{
    public const int DefaultJpegQuality = 90;

    // Low bits of noise per channel, tuned so stb's deflate lands near 1.5 MB for 1024x1024.
    private const int NoiseMask = 0x01;
    private const int BlueNoiseMask = 0x03;

    // Static: images depend only on the key, so servers in one process (tests, benchmarks) share them.
    private static readonly ConcurrentDictionary<ImageKey, Lazy<byte[]>> Cache = new();
    private static readonly ConcurrentDictionary<ImageKey, Lazy<string>> Base64Cache = new();
    private static readonly ConcurrentDictionary<ImageKey, Lazy<byte[]>> Base64Utf8Cache = new();

    public byte[] Encode(int width, int height, ImageFormat format, int jpegQuality = DefaultJpegQuality, bool filtered = false) =>
        Cache.GetOrAdd(
            Key(width, height, format, jpegQuality, filtered),
            key => new Lazy<byte[]>(() => EncodeUncached(key.Width, key.Height, key.Format, key.Quality, key.Filtered))).Value;

    /// <summary>The base64 of <see cref="Encode"/>'s bytes for the same arguments.</summary>
    public string EncodeBase64(int width, int height, ImageFormat format, int jpegQuality = DefaultJpegQuality, bool filtered = false) =>
        Base64Cache.GetOrAdd(
            Key(width, height, format, jpegQuality, filtered),
            key => new Lazy<string>(() => Convert.ToBase64String(Encode(key.Width, key.Height, key.Format, key.Quality, key.Filtered)))).Value;

    /// <summary><see cref="EncodeBase64"/>'s text as UTF-8 bytes, for answers that are written without serializing it.</summary>
    public byte[] EncodeBase64Utf8(int width, int height, ImageFormat format, bool filtered = false) =>
        Base64Utf8Cache.GetOrAdd(
            Key(width, height, format, DefaultJpegQuality, filtered),
            key => new Lazy<byte[]>(() => Encoding.ASCII.GetBytes(EncodeBase64(key.Width, key.Height, key.Format, key.Quality, key.Filtered)))).Value;

    private static ImageKey Key(int width, int height, ImageFormat format, int jpegQuality, bool filtered) =>
        new(width, height, format, format == ImageFormat.Jpeg ? Math.Clamp(jpegQuality, 1, 100) : 0, filtered);

    private static byte[] EncodeUncached(int width, int height, ImageFormat format, int quality, bool filtered)
    {
        var pixels = filtered ? new byte[width * height * 3] : Paint(width, height);
        using var stream = new MemoryStream();
        var writer = new ImageWriter();
        if (format == ImageFormat.Png)
        {
            writer.WritePng(pixels, width, height, ColorComponents.RedGreenBlue, stream);
        }
        else
        {
            writer.WriteJpg(pixels, width, height, ColorComponents.RedGreenBlue, stream, quality);
        }

        return stream.ToArray();
    }

    private static byte[] Paint(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        var state = (uint)(width * 7919 + height) | 1u;
        var i = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // xorshift32: deterministic noise so equal sizes give equal bytes across runs.
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                pixels[i++] = (byte)((x * 255 / width) ^ (int)(state & NoiseMask));
                pixels[i++] = (byte)((y * 255 / height) ^ (int)((state >> 8) & NoiseMask));
                pixels[i++] = (byte)(((x + y) * 127 / (width + height)) ^ (int)((state >> 16) & BlueNoiseMask));
            }
        }

        return pixels;
    }
}

/// <summary>What an encoded image depends on (quality is 0 for PNG, which has none).</summary>
internal readonly record struct ImageKey(int Width, int Height, ImageFormat Format, int Quality, bool Filtered);
