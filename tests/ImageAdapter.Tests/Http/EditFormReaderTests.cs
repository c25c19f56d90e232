using System.Net.Http.Headers;
using System.Text;
using ImageAdapter.Contract;
using ImageAdapter.Errors;
using ImageAdapter.Http;
using ImageAdapter.Tests.Support;
using ImageAdapter.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Http;

/// <summary>
/// Reading an edit's <c>multipart/form-data</c>: SDK-shaped bodies become a typed request; every limit and every
/// malformed body is a 4xx naming what is wrong, never an exception of another kind.
/// </summary>
public sealed class EditFormReaderTests
{
    private static readonly byte[] Png = InputImages.Png(20, 10);

    [Fact]
    public async Task Read_SdkShapedForm_TypesEveryField()
    {
        var form = Form(("prompt", "make it blue"), ("model", "flux-kontext-max"), ("n", "3"), ("size", "1024x1536"),
            ("output_format", "jpeg"), ("output_compression", "80"), ("response_format", "url"), ("background", "opaque"),
            ("quality", "high"), ("input_fidelity", "high"), ("user", "u-1"), ("stream", "false"), ("partial_images", "0"),
            ("seed", "4294967295"), ("safety_tolerance", "2"), ("prompt_upsampling", "true"), ("aspect_ratio", "2:3"));
        form.Add(Image(Png), "image", "cat.png");

        var read = await ReadAsync(form);

        var request = read.Request;
        Assert.Equal(("make it blue", "flux-kontext-max", 3, "1024x1536", "jpeg", 80), (request.Prompt, request.Model, request.N, request.Size, request.OutputFormat, request.OutputCompression));
        Assert.Equal(("url", "opaque", "high", "u-1", false, 0), (request.ResponseFormat, request.Background, request.Quality, request.User, request.Stream, request.PartialImages));
        Assert.Equal((4294967295L, 2, true, "2:3"), (request.Seed, request.SafetyTolerance, request.PromptUpsampling, request.AspectRatio));
        Assert.Equal(("high", 1, false), (read.InputFidelity, read.ImageParts, read.HasMask));
        Assert.Equal(Png, read.Image!.Bytes.ToArray());
    }

    [Fact]
    public async Task Read_ImageArrayField_CountsEveryImageAndKeepsTheFirst()
    {
        var form = Form(("prompt", "x"));
        form.Add(Image(Png), "image[]", "a.png");
        form.Add(Image([1, 2, 3]), "image[]", "b.png");

        var read = await ReadAsync(form);

        Assert.Equal(2, read.ImageParts);
        Assert.Equal(Png, read.Image!.Bytes.ToArray());
    }

    [Fact]
    public async Task Read_Mask_IsNoted()
    {
        var form = Form(("prompt", "x"));
        form.Add(Image(Png), "image", "a.png");
        form.Add(Image(Png), "mask", "mask.png");

        Assert.True((await ReadAsync(form)).HasMask);
    }

    [Fact]
    public async Task Read_ImageWithoutFileName_IsStillTheImage()
    {
        var form = Form(("prompt", "x"));
        form.Add(Image(Png), "image");

        Assert.Equal(Png, (await ReadAsync(form)).Image!.Bytes.ToArray());
    }

    [Theory]
    [InlineData("n", "three", "an integer")]
    [InlineData("n", "1.5", "an integer")]
    [InlineData("output_compression", "", "an integer")]
    [InlineData("seed", "99999999999999999999", "an integer")]
    [InlineData("stream", "yes", "'true' or 'false'")]
    [InlineData("prompt_upsampling", "1", "'true' or 'false'")]
    public async Task Read_FieldNotOfItsType_NamesTheFieldAndTheType(string field, string value, string expected)
    {
        var error = await FailureAsync(Form(("prompt", "x"), (field, value)));

        Assert.Equal((AdapterErrorKind.InvalidParameter, field), (error.Kind, error.Param));
        Assert.Equal($"Invalid value '{value}' for '{field}': expected {expected}.", error.Message);
    }

    [Fact]
    public async Task Read_UnknownField_IsUnknownParameterNamingIt()
    {
        var error = await FailureAsync(Form(("prompt", "x"), ("negative_prompt", "dogs")));

        Assert.Equal((AdapterErrorKind.UnknownParameter, "negative_prompt"), (error.Kind, error.Param));
        Assert.Contains("Accepted fields: image, mask, prompt, model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_FieldGivenTwice_IsRefusedNamingIt()
    {
        var error = await FailureAsync(Form(("prompt", "x"), ("n", "1"), ("n", "2")));

        Assert.Equal((AdapterErrorKind.InvalidParameter, "n"), (error.Kind, error.Param));
    }

    [Fact]
    public async Task Read_FieldLongerThanItsLimit_IsRefusedNamingIt()
    {
        var error = await FailureAsync(Form(("prompt", "x"), ("user", new string('u', EditFormReader.MaxFieldBytes + 1))));

        Assert.Equal((AdapterErrorKind.InvalidParameter, "user"), (error.Kind, error.Param));
    }

    [Fact]
    public async Task Read_PromptAtFourBytesPerCharacterOfTheLimit_IsRead()
    {
        var prompt = string.Concat(Enumerable.Repeat("😀", new LimitsOptions().MaxPromptLength / 2));

        Assert.Equal(prompt, (await ReadAsync(Form(("prompt", prompt)))).Request.Prompt);
    }

    [Fact]
    public async Task Read_FieldThatIsNotUtf8_IsRefusedNamingIt()
    {
        var form = Form();
        form.Add(new ByteArrayContent([0x66, 0xFF, 0x66]), "prompt");

        var error = await FailureAsync(form);

        Assert.Equal((AdapterErrorKind.InvalidParameter, "prompt"), (error.Kind, error.Param));
    }

    [Fact]
    public async Task Read_ImageOverTheLimit_IsRefusedNamingImage()
    {
        var form = Form(("prompt", "x"));
        form.Add(Image(new byte[2048]), "image[]", "big.png");

        var error = await FailureAsync(form, new LimitsOptions { MaxInputImageBytes = 2047 });

        Assert.Equal((AdapterErrorKind.InvalidParameter, "image"), (error.Kind, error.Param));
    }

    [Fact]
    public async Task Read_ContentLengthOverTheWholeBodyLimit_IsTooLargeBeforeReading()
    {
        var limits = new LimitsOptions { MaxRequestBodyBytes = 1024, MaxInputImageBytes = 1024 };
        var request = Request([], "multipart/form-data; boundary=b");
        request.ContentLength = 2049;

        var error = await Assert.ThrowsAsync<AdapterException>(() => new EditFormReader(Options.Create(limits)).ReadAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal(AdapterErrorKind.RequestTooLarge, error.Kind);
    }

    [Fact]
    public async Task Read_PartsTogetherOverTheWholeBodyLimit_IsTooLarge()
    {
        var form = Form(("prompt", "x"));
        form.Add(Image(new byte[1024]), "image[]", "a.png");
        form.Add(Image(new byte[1024]), "image[]", "b.png");

        var error = await FailureAsync(form, new LimitsOptions { MaxRequestBodyBytes = 1024, MaxInputImageBytes = 1024 });

        Assert.Equal(AdapterErrorKind.RequestTooLarge, error.Kind);
    }

    [Fact]
    public async Task Read_MorePartsThanTheLimit_IsMalformed()
    {
        var limits = new LimitsOptions();
        var form = Form(Enumerable.Range(0, limits.MaxMultipartParts + 1).Select(_ => ("image", "x")).ToArray());

        var error = await FailureAsync(form, limits);

        Assert.Equal(AdapterErrorKind.MalformedRequest, error.Kind);
        Assert.Contains($"more than {limits.MaxMultipartParts} parts", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Read_NotMultipart_IsUnsupportedMediaType(string? contentType)
    {
        var error = await FailureAsync("{}"u8.ToArray(), contentType);

        Assert.Equal(AdapterErrorKind.UnsupportedMediaType, error.Kind);
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=\"\"")]
    public async Task Read_NoBoundary_IsMalformed(string contentType) =>
        Assert.Equal(AdapterErrorKind.MalformedRequest, (await FailureAsync("--x\r\n"u8.ToArray(), contentType)).Kind);

    [Fact]
    public async Task Read_BoundaryLongerThanRfc2046Allows_IsMalformed() =>
        Assert.Equal(AdapterErrorKind.MalformedRequest, (await FailureAsync([], $"multipart/form-data; boundary={new string('b', 71)}")).Kind);

    [Fact]
    public async Task Read_BodyCutShort_IsMalformed()
    {
        var (body, contentType) = await BytesAsync(Form(("prompt", "make it blue")));

        var error = await FailureAsync(body[..(body.Length - 10)], contentType);

        Assert.Equal(AdapterErrorKind.MalformedRequest, error.Kind);
    }

    [Fact]
    public async Task Read_PartWithoutContentDisposition_IsMalformed()
    {
        var body = "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n"u8.ToArray();

        var error = await FailureAsync(body, "multipart/form-data; boundary=b");

        Assert.Equal(AdapterErrorKind.MalformedRequest, error.Kind);
    }

    [Fact]
    public async Task Read_PartWithoutName_IsMalformed()
    {
        var body = "--b\r\nContent-Disposition: form-data; filename=\"a.png\"\r\n\r\nx\r\n--b--\r\n"u8.ToArray();

        var error = await FailureAsync(body, "multipart/form-data; boundary=b");

        Assert.Equal(AdapterErrorKind.MalformedRequest, error.Kind);
    }

    [Fact]
    public async Task Read_BodyWithoutParts_IsAFormWithoutImage()
    {
        var read = await new EditFormReader(Options.Create(new LimitsOptions())).ReadAsync(Request("--b--\r\n"u8.ToArray(), "multipart/form-data; boundary=b"), TestContext.Current.CancellationToken);

        Assert.Equal((0, null), (read.ImageParts, read.Image));
    }

    private static MultipartFormDataContent Form(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private static ByteArrayContent Image(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static async Task<(byte[] Body, string ContentType)> BytesAsync(MultipartFormDataContent form) =>
        (await form.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), form.Headers.ContentType!.ToString());

    private static async Task<ImageEditForm> ReadAsync(MultipartFormDataContent form, LimitsOptions? limits = null)
    {
        var (body, contentType) = await BytesAsync(form);
        return await new EditFormReader(Options.Create(limits ?? new LimitsOptions())).ReadAsync(Request(body, contentType), TestContext.Current.CancellationToken);
    }

    private static async Task<AdapterException> FailureAsync(MultipartFormDataContent form, LimitsOptions? limits = null)
    {
        var (body, contentType) = await BytesAsync(form);
        return await FailureAsync(body, contentType, limits);
    }

    private static Task<AdapterException> FailureAsync(byte[] body, string? contentType, LimitsOptions? limits = null) =>
        Assert.ThrowsAsync<AdapterException>(() =>
            new EditFormReader(Options.Create(limits ?? new LimitsOptions())).ReadAsync(Request(body, contentType), TestContext.Current.CancellationToken));

    private static HttpRequest Request(byte[] body, string? contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        return context.Request;
    }
}
