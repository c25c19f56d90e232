using System.Text;
using ImageAdapter.Translation;

namespace ImageAdapter.Tests.Translation;

/// <summary>The synchronous answers: a binary image with <c>Finish-Reason</c>, or the JSON list of artifacts.</summary>
public sealed class SyncImageReaderTests
{
    [Theory]
    [InlineData("SUCCESS", false)]
    [InlineData("CONTENT_FILTERED", true)]
    [InlineData(null, false)]
    public void Read_BinaryImage_OneImageFilteredByTheHeader(string? finishReason, bool filtered)
    {
        byte[] body = [0x89, 0x50, 0x4E, 0x47];

        var image = Assert.Single(SyncImageReader.Read(new FireworksResponse("image/png", finishReason, body)));

        Assert.Equal((body, filtered), (image.Body.Decoded, image.ContentFiltered));
    }

    [Fact]
    public void Read_JsonList_OneImagePerArtifactEachWithItsFinishReason()
    {
        var json = Encoding.UTF8.GetBytes("""[{"base64":"AQID","finishReason":"SUCCESS","seed":1},{"base64":"AQ==","finishReason":"CONTENT_FILTERED","seed":2}]""");

        var images = SyncImageReader.Read(new FireworksResponse("application/json", null, json));

        Assert.Equal([([1, 2, 3], false), ([1], true)], images.Select(image => (image.Body.Decode().ToArray(), image.ContentFiltered)));
    }

    [Fact]
    public void Read_NullJson_ThrowsJsonException() =>
        Assert.Throws<System.Text.Json.JsonException>(() => SyncImageReader.Read(new FireworksResponse("application/json", null, "null"u8.ToArray())));
}
