using ImageAdapter.Imaging;
using ImageAdapter.Validation;
using StbImageWriteSharp;

namespace ImageAdapter.Tests.Imaging;

public sealed class ImageInspectorTests
{
    [Theory]
    [InlineData("png", 1152, 896)]
    [InlineData("jpeg", 1360, 768)]
    [InlineData("jpeg", 7, 3)]
    public void Inspect_EncodedImage_ReadsFormatAndSize(string formatName, int width, int height)
    {
        var format = formatName == "png" ? ImageFormat.Png : ImageFormat.Jpeg;
        var bytes = Encode(format, width, height);

        Assert.Equal((format, new ImageSize(width, height)), ImageInspector.Inspect(bytes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>oops</html>")]
    [InlineData("\u0089PNG\r\n\u001a\n")]
    public void Inspect_NotAnImage_ReturnsNull(string text) =>
        Assert.Null(ImageInspector.Inspect(System.Text.Encoding.Latin1.GetBytes(text)));

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    public void Inspect_ImageCutShort_ReturnsNull(string formatName)
    {
        var bytes = Encode(formatName == "png" ? ImageFormat.Png : ImageFormat.Jpeg, 64, 64);

        Assert.Null(ImageInspector.Inspect(bytes.AsSpan(0, bytes.Length / 2)));
        Assert.Null(ImageInspector.Inspect(bytes.AsSpan(0, 12)));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    [InlineData(-1, 10)]
    public void Inspect_PngWithEmptyOrNegativeSide_ReturnsNull(int width, int height) =>
        Assert.Null(ImageInspector.Inspect(Png("IHDR", width, height)));

    [Fact]
    public void Inspect_PngWhoseFirstChunkIsNotIhdr_ReturnsNull() =>
        Assert.Null(ImageInspector.Inspect(Png("tEXt", 10, 10)));

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    public void Inspect_JpegWithEmptySide_ReturnsNull(int width, int height) =>
        Assert.Null(ImageInspector.Inspect(Jpeg([0xFF, 0xC0, 0x00, 0x11, 8, .. BigEndian16(height), .. BigEndian16(width)])));

    // SOF15 is the last start-of-frame marker; 0xC4 (DHT) in the same range is skipped, then a fill byte (0xFF 0xFF).
    [Theory]
    [InlineData(0xC0)]
    [InlineData(0xC2)]
    [InlineData(0xCF)]
    public void Inspect_JpegStartOfFrameAfterOtherSegmentsAndFill_ReadsTheSize(int marker) =>
        Assert.Equal((ImageFormat.Jpeg, new ImageSize(7, 3)), ImageInspector.Inspect(Jpeg(
            [0xFF, 0xC4, 0x00, 0x04, 0xAA, 0xBB, 0xFF, 0xFF, (byte)marker, 0x00, 0x11, 8, 0x00, 0x03, 0x00, 0x07, 0x00])));

    // The frame header's last two bytes are also the end-of-image marker: the smallest JPEG the walk must still read.
    [Fact]
    public void Inspect_JpegEndingRightAfterTheSize_ReadsIt() =>
        Assert.Equal((ImageFormat.Jpeg, new ImageSize(0xFFD9, 3)), ImageInspector.Inspect([0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 8, 0x00, 0x03, 0xFF, 0xD9]));

    [Fact]
    public void Inspect_JpegWithoutStartOfFrame_ReturnsNull() =>
        Assert.Null(ImageInspector.Inspect(Jpeg([0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00])));

    // After the APP0 segment comes a byte that is not a marker; read as one, "00 C0" would look like a frame header.
    [Fact]
    public void Inspect_JpegWithGarbageBetweenSegments_ReturnsNull() =>
        Assert.Null(ImageInspector.Inspect(Jpeg([0xFF, 0xE0, 0x00, 0x02, 0x00, 0xC0, 0x00, 0x11, 8, 0x00, 0x03, 0x00, 0x07, 0x00])));

    private static byte[] Png(string firstChunk, int width, int height) =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. System.Text.Encoding.ASCII.GetBytes(firstChunk),
         .. BigEndian32(width), .. BigEndian32(height), 8, 2, 0, 0, 0, 0, 0, 0, 0,
         0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    private static byte[] Jpeg(byte[] segments) => [0xFF, 0xD8, .. segments, 0xFF, 0xD9];

    private static byte[] BigEndian16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] BigEndian32(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] Encode(ImageFormat format, int width, int height)
    {
        var pixels = new byte[width * height * 3];
        using var stream = new MemoryStream();
        var writer = new ImageWriter();
        if (format == ImageFormat.Png)
        {
            writer.WritePng(pixels, width, height, ColorComponents.RedGreenBlue, stream);
        }
        else
        {
            writer.WriteJpg(pixels, width, height, ColorComponents.RedGreenBlue, stream, 90);
        }

        return stream.ToArray();
    }
}
