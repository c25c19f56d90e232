using ImageAdapter.Imaging;
using ImageAdapter.Tests.Support;
using ImageAdapter.Validation;

namespace ImageAdapter.Tests.Imaging;

/// <summary>The header reading that accepts a client's input image: PNG, JPEG and the three WebP forms, nothing else.</summary>
public sealed class InputImageSizeTests
{
    public static TheoryData<string, byte[], int, int> Images => new()
    {
        { "png", InputImages.Png(33, 17), 33, 17 },
        { "jpeg", InputImages.Jpeg(40, 24), 40, 24 },
        { "webp lossy", InputImages.WebpLossy(1000, 600), 1000, 600 },
        { "webp lossless", InputImages.WebpLossless(16383, 2), 16383, 2 },
        { "webp extended", InputImages.WebpExtended(5000, 7000), 5000, 7000 },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void ReadInputSize_AcceptedFormat_ReadsTheSize(string format, byte[] bytes, int width, int height) =>
        Assert.True(new ImageSize(width, height) == ImageInspector.ReadInputSize(bytes), format);

    [Fact]
    public void ReadInputSize_JpegWithBytesAfterTheEnd_StillReadsTheSize()
    {
        // Cameras and editors append data after the end-of-image marker; the output check would refuse it, inputs need not.
        byte[] bytes = [.. InputImages.Jpeg(8, 8), 1, 2, 3];

        Assert.Equal(new ImageSize(8, 8), ImageInspector.ReadInputSize(bytes));
    }

    [Fact]
    public void ReadInputSize_Gif_IsNull() => Assert.Null(ImageInspector.ReadInputSize(InputImages.Gif()));

    [Fact]
    public void ReadInputSize_WebpWithUnknownChunk_IsNull()
    {
        var bytes = InputImages.WebpLossless(10, 10);
        "VP9 "u8.CopyTo(bytes.AsSpan(12));

        Assert.Null(ImageInspector.ReadInputSize(bytes));
    }

    [Fact]
    public void ReadInputSize_LossyWebpWithoutStartCode_IsNull()
    {
        var bytes = InputImages.WebpLossy(10, 10);
        bytes[24] = 0;

        Assert.Null(ImageInspector.ReadInputSize(bytes));
    }

    [Fact]
    public void ReadInputSize_LosslessWebpWithoutSignature_IsNull()
    {
        var bytes = InputImages.WebpLossless(10, 10);
        bytes[20] = 0;

        Assert.Null(ImageInspector.ReadInputSize(bytes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(29)]
    public void ReadInputSize_WebpCutShort_IsNull(int length) =>
        Assert.Null(ImageInspector.ReadInputSize(InputImages.WebpExtended(10, 10).AsSpan(0, length)));

    [Fact]
    public void ReadInputSize_RiffThatIsNotWebp_IsNull()
    {
        var bytes = InputImages.WebpExtended(10, 10);
        "WAVE"u8.CopyTo(bytes.AsSpan(8));

        Assert.Null(ImageInspector.ReadInputSize(bytes));
    }

    // The third byte of a 24-bit side counts 65536 times; both sides of the largest canvas use it.
    [Fact]
    public void ReadInputSize_ExtendedWebpPast16Bits_ReadsAllThreeBytes() =>
        Assert.Equal(new ImageSize(70_000, 1 << 24), ImageInspector.ReadInputSize(InputImages.WebpExtended(70_000, 1 << 24)));

    [Theory]
    [InlineData(0, 600)]
    [InlineData(1000, 0)]
    public void ReadInputSize_LossyWebpWithAnEmptySide_IsNull(int width, int height) =>
        Assert.Null(ImageInspector.ReadInputSize(InputImages.WebpLossy(width, height)));

    [Fact]
    public void ReadInputSize_PngHeaderOnly_ReadsTheSize() =>
        Assert.Equal(new ImageSize(33, 17), ImageInspector.ReadInputSize(InputImages.Png(33, 17).AsSpan(0, 24)));
}
