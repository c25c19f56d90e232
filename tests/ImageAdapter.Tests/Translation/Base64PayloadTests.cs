using System.Text;
using System.Text.Json;
using ImageAdapter.Translation;

namespace ImageAdapter.Tests.Translation;

/// <summary>
/// The SDXL artifacts' base64 is decoded straight from the UTF-8 JSON; it must accept exactly what
/// <see cref="Convert.FromBase64String"/> accepted when it went through a string.
/// </summary>
public sealed class Base64PayloadTests
{
    public static TheoryData<string, byte[]> Decodable => new()
    {
        { "AQID", [1, 2, 3] },
        { "AQI=", [1, 2] },
        { "AQ==", [1] },
        { "", [] },
        { "data:image/png;base64,AQID", [1, 2, 3] },
        { "data:image/jpeg;base64,AQ==", [1] },
        { @"\/w==", [0xFF] },            // an escaped solidus, as some JSON writers emit it
        { @"AQ\u0049D", [1, 2, 3] },     // any other escape
        { "AQ ID", [1, 2, 3] },          // whitespace, which Convert.FromBase64String ignores
        { @"AQ\nID\r\n", [1, 2, 3] },
    };

    [Theory]
    [MemberData(nameof(Decodable))]
    public void ReadArtifacts_Base64Variant_DecodesLikeConvert(string base64, byte[] expected)
    {
        var images = SdxlTranslator.ReadArtifacts(Artifacts(base64));

        Assert.Equal(expected, images[0].Bytes);
    }

    [Theory]
    [InlineData("AQI")]
    [InlineData("!!!!")]
    [InlineData("AQID=")]
    [InlineData("data:AQID")]
    public void ReadArtifacts_NotBase64_ThrowsFormatException(string base64) =>
        Assert.Throws<FormatException>(() => SdxlTranslator.ReadArtifacts(Artifacts(base64)));

    [Theory]
    [InlineData("""[{"base64":null,"finishReason":"SUCCESS"}]""")]
    [InlineData("""[{"finishReason":"SUCCESS"}]""")]
    [InlineData("""[{"base64":42,"finishReason":"SUCCESS"}]""")]
    public void ReadArtifacts_NoBase64String_ThrowsJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => SdxlTranslator.ReadArtifacts(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void ReadArtifacts_LargeImages_DecodeToTheSameBytes()
    {
        var first = RandomBytes(1_650_001, seed: 1);
        var second = RandomBytes(1_650_002, seed: 2);
        var json = $$"""[{"base64":"{{Convert.ToBase64String(first)}}","finishReason":"SUCCESS","seed":1},""" +
            $$"""{"base64":"data:image/png;base64,{{Convert.ToBase64String(second)}}","finishReason":"SUCCESS","seed":2}]""";

        var images = SdxlTranslator.ReadArtifacts(Encoding.UTF8.GetBytes(json));

        Assert.Equal(first, images[0].Bytes);
        Assert.Equal(second, images[1].Bytes);
    }

    private static byte[] Artifacts(string base64) =>
        Encoding.UTF8.GetBytes($$"""[{"base64":"{{base64}}","finishReason":"SUCCESS","seed":1}]""");

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
