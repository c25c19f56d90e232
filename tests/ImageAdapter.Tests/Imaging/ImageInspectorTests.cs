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
