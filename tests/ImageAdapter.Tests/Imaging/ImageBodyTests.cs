using System.Text;
using System.Text.Json;
using ImageAdapter.Contract;
using ImageAdapter.Imaging;
using ImageAdapter.Resilience;
using ImageAdapter.Tests.Support;
using ImageAdapter.Translation;
using ImageAdapter.Validation;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Imaging;

/// <summary>
/// An image kept as the base64 text Fireworks sent must be checked and written exactly as its decoded bytes would be:
/// the same format and size, the same refusal of a cut-short image, the same JSON string.
/// </summary>
public sealed class ImageBodyTests
{
    // Noise does not compress: each of these is well over the 48 KiB of header decoded from the text.
    [Theory]
    [InlineData("png", 300, 200)]
    [InlineData("jpeg", 300, 200)]
    [InlineData("png", 20, 10)]
    public void Inspect_Base64_SameAsTheDecodedImage(string formatName, int width, int height)
    {
        var bytes = Noise(formatName == "png" ? ImageFormat.Png : ImageFormat.Jpeg, width, height);

        var body = Read(bytes);

        Assert.True(body.IsBase64);
        Assert.Equal(ImageInspector.Inspect(bytes), body.Inspect());
        Assert.NotNull(body.Inspect());
    }

    // Cut at a multiple of three bytes, the text is still canonical base64, only of less than an image.
    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    public void Inspect_Base64CutShort_ReturnsNull(string formatName)
    {
        var bytes = Noise(formatName == "png" ? ImageFormat.Png : ImageFormat.Jpeg, 300, 200);

        var body = Read(bytes[..(bytes.Length / 3 * 3 - 3)]);

        Assert.True(body.IsBase64);
        Assert.Null(body.Inspect());
    }

    // 80 KB of APP segments put the frame header past the decoded head: it is read from the whole image.
    [Fact]
    public void Inspect_JpegFrameHeaderPastTheHead_ReadFromTheWholeImage()
    {
        var jpeg = Noise(ImageFormat.Jpeg, 40, 30);
        var app = new byte[40_000];
        byte[] segment = [0xFF, 0xE1, (byte)(app.Length + 2 >> 8), (byte)(app.Length + 2), .. app];
        byte[] bytes = [0xFF, 0xD8, .. segment, .. segment, .. jpeg[2..]];

        Assert.Equal((ImageFormat.Jpeg, new ImageSize(40, 30)), Read(bytes).Inspect());
    }

    // A stored URL needs the bytes: decoded, they are held until the answer is written, so they count like any image's.
    [Fact]
    public Task Decode_Base64InARequest_CountsAgainstTheBudget() => Task.Run(() =>
    {
        // On its own thread pool work item: the reservation opened here does not flow back into the test runner.
        var bytes = Noise(ImageFormat.Png, 64, 64);
        var budget = new ImageMemoryBudget(Options.Create(new AdapterOptions()));
        using var reservation = budget.Open();

        var decoded = Read(bytes).Decode();

        Assert.Equal(bytes, decoded.ToArray());
        Assert.Equal(bytes.Length, budget.HeldBytes);
    }, TestContext.Current.CancellationToken);

    [Fact]
    public void Serialize_Base64OrBytes_SameJsonString()
    {
        var bytes = Noise(ImageFormat.Png, 64, 64);

        Assert.Equal(Serialized(ImageBody.FromBytes(bytes)), Serialized(Read(bytes)));
        Assert.Equal($"\"{Convert.ToBase64String(bytes)}\"", Serialized(Read(bytes)));
    }

    private static ImageBody Read(byte[] bytes) => Base64Payload.Read(Encoding.UTF8.GetBytes(Convert.ToBase64String(bytes)));

    private static string Serialized(ImageBody body) =>
        JsonSerializer.Serialize(new ImageData(body), OpenAIJsonContext.Responses.ImageData)[12..^1];

    // Noise, which does not compress (InputImages).
    private static byte[] Noise(ImageFormat format, int width, int height) =>
        format == ImageFormat.Png ? InputImages.Png(width, height) : InputImages.Jpeg(width, height);
}
