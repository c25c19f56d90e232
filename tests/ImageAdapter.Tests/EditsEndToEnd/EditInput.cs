using System.Collections.Concurrent;
using System.IO.Compression;
using FireworksSimulator.Imaging;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>
/// An image a user edits: real PNG, JPEG and WebP bytes of a known size, and what the adapter must make of them
/// (<c>input_tokens_details.image_tokens</c> = ceil(width × height / 1024)). Sizes are no multiple of 1024 pixels, so
/// a rounding slip shows.
/// </summary>
internal sealed record EditInput(string Name, string FileName, string ContentType, byte[] Bytes, int Width, int Height)
{
    private const int PixelsPerToken = 1024;

    public static EditInput Png { get; } = new("png", "fox.png", "image/png", new ImageEncoder().Encode(300, 200, ImageFormat.Png), 300, 200);

    public static EditInput Jpeg { get; } = new("jpeg", "fox.jpg", "image/jpeg", new ImageEncoder().Encode(333, 222, ImageFormat.Jpeg), 333, 222);

    /// <summary>A 1x1 lossless WebP (the smallest well-known one): no encoder for WebP is at hand, and the adapter reads only its header.</summary>
    public static EditInput Webp { get; } = new("webp", "fox.webp", "image/webp", Convert.FromBase64String("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="), 1, 1);

    public static IReadOnlyList<EditInput> All { get; } = [Png, Jpeg, Webp];

    public int ImageTokens => (int)(((long)Width * Height + PixelsPerToken - 1) / PixelsPerToken);

    public string DataUrl => $"data:{ContentType};base64,{Convert.ToBase64String(Bytes)}";

    private static readonly ConcurrentDictionary<string, Lazy<string>> Files = new();

    /// <summary>The image in a file named <see cref="FileName"/> under a temporary folder (one per image and test run), for clients that upload from a path.</summary>
    public string WriteToTemporaryFile() => Files.GetOrAdd(Name, _ => new Lazy<string>(() =>
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("edit-input-").FullName, FileName);
        File.WriteAllBytes(path, Bytes);
        return path;
    })).Value;

    /// <summary>
    /// A real, valid grayscale PNG of any size, cheap however many pixels it has: rows of zeros, deflated. For the pixel
    /// limit, which the adapter judges from the header alone.
    /// </summary>
    public static byte[] BlankPng(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grayscale), compression, filter and interlace 0
        WriteChunk(png, "IHDR", header);
        using (var pixels = new MemoryStream())
        {
            using (var deflate = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var row = new byte[width + 1]; // filter byte 0, then the row
                for (var y = 0; y < height; y++)
                {
                    deflate.Write(row);
                }
            }

            WriteChunk(png, "IDAT", pixels.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        png.Write(typeBytes);
        png.Write(data);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. typeBytes, .. data]));
        png.Write(crc);
    }

    // The PNG chunk CRC (ISO 3309 / ITU-T V.42), bit by bit: the images here are small, or mostly zeros.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    public static EditInput Named(string name) => All.Single(input => input.Name == name);

    public override string ToString() => Name;
}
