using FireworksSimulator.Imaging;

namespace ImageAdapter.Tests.Simulator;

public sealed class ImageEncoderTests
{
    private readonly ImageEncoder _encoder = new();

    [Theory]
    [InlineData(64, 48, false, 90, false)]
    [InlineData(64, 48, false, 90, true)]
    [InlineData(64, 48, true, 90, false)]
    [InlineData(64, 48, true, 40, false)]
    [InlineData(48, 64, true, 90, true)]
    public void EncodeBase64_IsTheBase64OfTheSameImagesBytes(int width, int height, bool jpeg, int quality, bool filtered)
    {
        var format = jpeg ? ImageFormat.Jpeg : ImageFormat.Png;
        // Fill the base64 cache with every neighbouring key first, so a key that forgot one of the arguments would
        // answer with another image's text.
        foreach (var otherFormat in new[] { ImageFormat.Png, ImageFormat.Jpeg })
        {
            foreach (var (otherQuality, otherFiltered) in new[] { (40, false), (40, true), (90, false), (90, true) })
            {
                _encoder.EncodeBase64(width, height, otherFormat, otherQuality, otherFiltered);
                _encoder.EncodeBase64(height, width, otherFormat, otherQuality, otherFiltered);
            }
        }

        var base64 = _encoder.EncodeBase64(width, height, format, quality, filtered);

        Assert.Equal(Convert.ToBase64String(_encoder.Encode(width, height, format, quality, filtered)), base64);
        Assert.Same(base64, _encoder.EncodeBase64(width, height, format, quality, filtered));
    }
}
