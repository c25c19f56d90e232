using ImageAdapter.Validation;

namespace ImageAdapter.Tests.Validation;

public sealed class SizeRulesTests
{
    [Theory]
    [InlineData(1024, 1024, "1:1")]
    [InlineData(1792, 1024, "16:9")]
    [InlineData(1024, 1792, "9:16")]
    [InlineData(1536, 1024, "3:2")]
    [InlineData(1024, 1536, "2:3")]
    [InlineData(1344, 768, "16:9")]
    [InlineData(1152, 896, "5:4")]
    [InlineData(1280, 960, "4:3")]
    [InlineData(2520, 1080, "21:9")]
    [InlineData(256, 256, "1:1")]
    public void NearestFluxRatio_SizeCloseToARatio_ReturnsIt(int width, int height, string expected) =>
        Assert.Equal(expected, SizeRules.NearestFluxRatio(new ImageSize(width, height)));

    [Theory]
    [InlineData(2000, 1000)] // 2.0: 12% from 16:9, 14% from 21:9
    [InlineData(1100, 1000)] // 1.1: 10% from 1:1, 12% from 5:4
    [InlineData(4000, 1000)]
    public void NearestFluxRatio_SizeFarFromEveryRatio_ReturnsNull(int width, int height) =>
        Assert.Null(SizeRules.NearestFluxRatio(new ImageSize(width, height)));

    // Either side of the 5% rule, so a tolerance of 3% or 9% fails one row.
    [Theory]
    [InlineData(1049, 1000, "1:1")]
    [InlineData(1000, 1049, "1:1")]
    [InlineData(1865, 1000, "16:9")]
    public void NearestFluxRatio_JustInside5Percent_ReturnsIt(int width, int height, string expected) =>
        Assert.Equal(expected, SizeRules.NearestFluxRatio(new ImageSize(width, height)));

    [Theory]
    [InlineData(1051, 1000)]
    [InlineData(1000, 1051)]
    [InlineData(1869, 1000)]
    public void NearestFluxRatio_JustOutside5Percent_ReturnsNull(int width, int height) =>
        Assert.Null(SizeRules.NearestFluxRatio(new ImageSize(width, height)));

    [Theory]
    [InlineData(640, 1536)]
    [InlineData(768, 1344)]
    [InlineData(832, 1216)]
    [InlineData(896, 1152)]
    [InlineData(1024, 1024)]
    [InlineData(1152, 896)]
    [InlineData(1216, 832)]
    [InlineData(1344, 768)]
    [InlineData(1536, 640)]
    public void IsSdxlSize_ListedPair_IsAccepted(int width, int height) =>
        Assert.True(SizeRules.IsSdxlSize(new ImageSize(width, height)));

    // Each side is a listed width or height, but the pair is not one of the buckets.
    [Theory]
    [InlineData(640, 640)]
    [InlineData(1536, 1536)]
    [InlineData(1024, 1536)]
    [InlineData(1344, 1344)]
    [InlineData(768, 1536)]
    public void IsSdxlSize_ListedSidesInAnotherPair_IsRefused(int width, int height) =>
        Assert.False(SizeRules.IsSdxlSize(new ImageSize(width, height)));

    [Theory]
    [InlineData(1024, 1024, "1:1")]
    [InlineData(1792, 1024, "7:4")]
    [InlineData(2100, 900, "7:3")]
    [InlineData(900, 2100, "3:7")]
    [InlineData(1000, 999, "1000:999")]
    public void KontextRatio_SizeWithinRange_ReturnsReducedRatio(int width, int height, string expected) =>
        Assert.Equal(expected, SizeRules.KontextRatio(new ImageSize(width, height)));

    [Theory]
    [InlineData(2200, 900)]
    [InlineData(900, 2200)]
    public void KontextRatio_SizeWiderThan21By9_ReturnsNull(int width, int height) =>
        Assert.Null(SizeRules.KontextRatio(new ImageSize(width, height)));

    [Theory]
    [InlineData("1024x1024", 1024, 1024)]
    [InlineData("640x1536", 640, 1536)]
    public void ParseSize_WidthXHeight_Parses(string text, int width, int height) =>
        Assert.Equal(new ImageSize(width, height), SizeRules.ParseSize(text));

    [Theory]
    [InlineData("1024X1024")]
    [InlineData("0x1024")]
    [InlineData("1024x")]
    [InlineData(" 1024x1024")]
    [InlineData("999999x1")]
    [InlineData("-5x5")]
    public void ParseSize_Malformed_ReturnsNull(string text) => Assert.Null(SizeRules.ParseSize(text));
}
