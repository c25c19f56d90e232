using System.Text.Json.Nodes;
using ImageAdapter.Tests.Support;
using ImageAdapter.Translation;
using ImageAdapter.Validation;

namespace ImageAdapter.Tests.Translation;

/// <summary>
/// An edit's Kontext submit: the image bytes travel as <c>input_image</c> base64, written into the translator's JSON as
/// the body is sent; every one of the <c>n</c> submits shares the one copy of the bytes.
/// </summary>
public sealed class InputImageContentTests
{
    // Around the 48 KiB chunk the content encodes at a time, and the three base64 paddings.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(48 * 1024 - 1)]
    [InlineData(48 * 1024)]
    [InlineData(48 * 1024 + 1)]
    [InlineData(200_000)]
    public async Task Content_AnySize_IsTheJsonWithTheImageInBase64AndItsLengthIsExact(int size)
    {
        var image = new byte[size];
        Random.Shared.NextBytes(image);
        using var content = new InputImageJsonContent("""{"prompt":"a \"fox\"","seed":3}"""u8.ToArray(), image);

        var bytes = await content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        var json = JsonNode.Parse(bytes)!.AsObject();
        Assert.Equal(Convert.ToBase64String(image), json["input_image"]!.GetValue<string>());
        Assert.Equal(("a \"fox\"", 3), (json["prompt"]!.GetValue<string>(), json["seed"]!.GetValue<int>()));
        Assert.Equal(3, json.Count);
        Assert.Equal(bytes.Length, content.Headers.ContentLength);
        Assert.Equal("application/json", content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Content_SentTwice_IsTheSameBothTimes()
    {
        using var content = new InputImageJsonContent("""{"prompt":"x"}"""u8.ToArray(), InputImages.Png(8, 8));
        var cancellationToken = TestContext.Current.CancellationToken;

        using var first = new MemoryStream();
        await content.CopyToAsync(first, cancellationToken);
        using var second = new MemoryStream();
        await content.CopyToAsync(second, cancellationToken);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    // HttpClient sends a content without a length in chunks; the length must be known before the body is written.
    [Fact]
    public async Task Content_BeforeItIsWritten_KnowsItsLength()
    {
        const string Expected = """{"input_image":"AQIDBA==","prompt":"x"}""";
        using var content = new InputImageJsonContent("""{"prompt":"x"}"""u8.ToArray(), new byte[] { 1, 2, 3, 4 });

        Assert.Equal(Expected.Length, content.Headers.ContentLength);
        Assert.Equal(Expected, await content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Content_JsonWithoutAField_SaysWhatItExpected()
    {
        var exception = Assert.Throws<ArgumentException>(() => new InputImageJsonContent("{}"u8.ToArray(), new byte[] { 1 }));

        Assert.Equal(("json", "Expected a JSON object with at least one field. (Parameter 'json')"), (exception.ParamName, exception.Message));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("")]
    public void Content_JsonWithoutAField_IsRefused(string json) =>
        Assert.Throws<ArgumentException>(() => new InputImageJsonContent(System.Text.Encoding.UTF8.GetBytes(json), new byte[] { 1 }));

    [Fact]
    public void KontextCalls_EditWithNThree_ShareOneCopyOfTheImageAndKeepItOutOfTheJson()
    {
        var png = InputImages.Png(16, 16);
        var request = TestRequests.Validate("""{"model":"flux-kontext-pro","prompt":"make it blue","n":3,"seed":5}""") with
        {
            InputImage = InputImage.FromBytes(png) with { Size = new ImageSize(16, 16) },
        };

        var calls = new KontextTranslator().ToCalls(request);

        Assert.Equal(3, calls.Count);
        Assert.All(calls, call => Assert.True(call.InputImage.Span == png.AsSpan(), "every call refers to the request's own bytes"));
        Assert.All(calls, call => Assert.Null(JsonNode.Parse(call.Body)!["input_image"]));
        Assert.Equal([5L, 6L, 7L], calls.Select(call => JsonNode.Parse(call.Body)!["seed"]!.GetValue<long>()));
    }

    [Fact]
    public async Task CreateContent_WithoutImage_IsTheJsonAsIs()
    {
        var call = new FireworksCall("p", FireworksPaths.Json, """{"prompt":"x"}"""u8.ToArray(), FireworksCall.NoHeaders);
        using var content = call.CreateContent();

        Assert.Equal(call.Body, await content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("application/json", content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task CreateContent_WithImage_IsTheJsonWithTheImageInBase64()
    {
        var call = new FireworksCall("p", FireworksPaths.Json, """{"prompt":"x"}"""u8.ToArray(), FireworksCall.NoHeaders, InputImage: new byte[] { 1, 2, 3, 4 });
        using var content = call.CreateContent();

        Assert.Equal("""{"input_image":"AQIDBA==","prompt":"x"}""", await content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("application/json", content.Headers.ContentType!.MediaType);
    }
}
