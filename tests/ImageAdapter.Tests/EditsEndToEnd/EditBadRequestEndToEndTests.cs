using System.Net.Http.Headers;
using System.Text;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>
/// Every refusal of <c>/v1/images/edits</c>, through HTTP on both hosts, at the default limits: the status, the OpenAI
/// envelope with <c>error.type</c>, <c>error.code</c> (as <c>AdapterErrorTable</c> maps the kind) and the field in
/// <c>error.param</c>, and no request to Fireworks. Each row changes one thing in the form an SDK sends.
/// </summary>
public abstract class EditBadRequestEndToEndTests<THost> : IClassFixture<AdapterFixture<THost>>
    where THost : IHostKind
{
    private const string Kontext = "flux-kontext-pro";
    private const string InvalidRequest = "invalid_request_error";
    private const int MaxInputImageBytes = 20 * 1024 * 1024;

    private readonly AdapterApp _app;

    protected EditBadRequestEndToEndTests(AdapterFixture<THost> fixture)
    {
        _app = fixture.App;
        _app.Simulator.State.Reset();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static EditForm Valid => EditForm.Sdk(Kontext, EditInput.Png);

    [Theory]
    [InlineData("image", "image")]
    [InlineData("image[]", "image[]")]
    [InlineData("image", "image[]")]
    public async Task Edit_TwoInputImages_400UnsupportedParamImage(string first, string second)
    {
        var form = EditForm.Sdk(Kontext, EditInput.Png).Without("image").File(first, EditInput.Png).File(second, EditInput.Jpeg);

        await AssertRefusedAsync(form, 400, "unsupported_parameter", "image");
    }

    [Fact]
    public async Task Edit_Mask_400UnsupportedParamMask() =>
        await AssertRefusedAsync(Valid.File("mask", EditInput.Png), 400, "unsupported_parameter", "mask");

    [Theory]
    [InlineData("SSD-1B")]
    [InlineData("flux-1-schnell-fp8")]
    [InlineData("accounts/fireworks/models/flux-1-dev-fp8")]
    public async Task Edit_ModelThatCannotEdit_400UnsupportedParamImage(string model) =>
        await AssertRefusedAsync(EditForm.Sdk(model, EditInput.Png), 400, "unsupported_parameter", "image");

    [Theory]
    [InlineData("3")]
    [InlineData("6")]
    public async Task Edit_SafetyToleranceAboveTwo_400InvalidParamSafetyTolerance(string tolerance) =>
        await AssertRefusedAsync(Valid.Field("safety_tolerance", tolerance), 400, "invalid_value", "safety_tolerance");

    [Fact]
    public async Task Edit_SafetyToleranceTwo_IsTheLimitAndAccepted()
    {
        using var response = await _app.PostEditAsync(Valid.Field("safety_tolerance", "2"), Token);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(_app.Simulator.State.KontextSubmits()).Body)!["safety_tolerance"]!.ToJsonString());
    }

    /// <summary>Judged by the bytes: a GIF, an SVG, text and random bytes are refused though declared <c>image/png</c>.</summary>
    [Theory]
    [InlineData("R0lGODlhAQABAAAAACw=")]
    [InlineData("PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=")]
    [InlineData("bm90IGFuIGltYWdl")]
    [InlineData("3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzA=")]
    [InlineData("iVBORw0KGgo=")] // a PNG signature and nothing after it
    public async Task Edit_ImageNotPngJpegOrWebpByItsBytes_400InvalidParamImage(string base64) =>
        await AssertRefusedAsync(Valid.Without("image").File("image", Convert.FromBase64String(base64), "fox.png", "image/png"), 400, "invalid_value", "image");

    /// <summary>The other way round: real PNG bytes declared as text are accepted, as the declared type is not trusted either way.</summary>
    [Fact]
    public async Task Edit_PngDeclaredAsText_Accepted()
    {
        using var response = await _app.PostEditAsync(Valid.Without("image").File("image", EditInput.Png.Bytes, "fox.txt", "text/plain"), Token);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EditInput.Png.Bytes, Convert.FromBase64String(Assert.Single(_app.Simulator.State.KontextSubmits()).InputImage()!));
    }

    [Fact]
    public async Task Edit_ImageOneByteOverTheByteLimit_400InvalidParamImage()
    {
        var image = new byte[MaxInputImageBytes + 1];
        EditInput.Png.Bytes.CopyTo(image, 0);

        await AssertRefusedAsync(Valid.Without("image").File("image", image, "fox.png", "image/png"), 400, "invalid_value", "image");
    }

    /// <summary>
    /// A form far over the limits (a 25 MiB image; the body may be 20 MiB + 1 MiB): the adapter answers before it has
    /// read the body, and that answer must still reach the client, as 400 for the image or 413 for the body.
    /// </summary>
    [Fact]
    public async Task Edit_BodyFarOverTheLimit_400Or413WithTheEnvelope()
    {
        var image = new byte[MaxInputImageBytes + (5 << 20)];
        EditInput.Png.Bytes.CopyTo(image, 0);

        using var response = await _app.PostEditAsync(Valid.Without("image").File("image", image, "fox.png", "image/png"), Token);

        if (response.StatusCode == System.Net.HttpStatusCode.RequestEntityTooLarge)
        {
            await EditAssertions.AssertErrorAsync(response, 413, InvalidRequest, "request_too_large", null, Token);
        }
        else
        {
            await EditAssertions.AssertErrorAsync(response, 400, InvalidRequest, "invalid_value", "image", Token);
        }

        Assert.Empty(_app.Simulator.State.Requests);
    }

    [Theory]
    [InlineData(4097, 4096)]
    [InlineData(4096, 4097)]
    [InlineData(16384, 16384)]
    public async Task Edit_ImageOverThePixelLimit_400InvalidParamImage(int width, int height) =>
        await AssertRefusedAsync(Valid.Without("image").File("image", EditInput.BlankPng(width, height), "big.png", "image/png"), 400, "invalid_value", "image");

    [Fact]
    public async Task Edit_ImageAtThePixelLimit_AcceptedAndCounted()
    {
        using var response = await _app.PostEditAsync(Valid.Without("image").File("image", EditInput.BlankPng(4096, 4096), "big.png", "image/png"), Token);

        var json = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, json);
        EditAssertions.AssertUsage(json, 1, "make the fox blue", 4096L * 4096, EditAssertions.KontextOutput(4096, 4096));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Edit_NoPrompt_400MissingParamPrompt(string? prompt)
    {
        var form = Valid.Without("prompt");
        if (prompt is not null)
        {
            form.Field("prompt", prompt);
        }

        await AssertRefusedAsync(form, 400, "missing_required_parameter", "prompt");
    }

    [Fact]
    public async Task Edit_NoImage_400MissingParamImage() =>
        await AssertRefusedAsync(Valid.Without("image"), 400, "missing_required_parameter", "image");

    /// <summary>Fields a JSON generation takes but an edit does not, and made-up ones: each named, never dropped.</summary>
    [Theory]
    [InlineData("style")]
    [InlineData("negative_prompt")]
    [InlineData("moderation")]
    [InlineData("images")]
    [InlineData("Prompt")]
    public async Task Edit_UnknownField_400UnknownParamNamed(string field) =>
        await AssertRefusedAsync(Valid.Field(field, "x"), 400, "unknown_parameter", field);

    [Theory]
    [InlineData("n", "abc")]
    [InlineData("n", "1.5")]
    [InlineData("n", "")]
    [InlineData("output_compression", "high")]
    [InlineData("seed", "1e3")]
    [InlineData("safety_tolerance", "two")]
    [InlineData("stream", "yes")]
    [InlineData("prompt_upsampling", "1")]
    [InlineData("partial_images", "-")]
    public async Task Edit_FieldNotOfItsType_400InvalidParamNamed(string field, string value) =>
        await AssertRefusedAsync(Valid.Field(field, value), 400, "invalid_value", field);

    [Fact]
    public async Task Edit_FieldTwice_400InvalidParamNamed() =>
        await AssertRefusedAsync(Valid.Field("model", "flux-kontext-max"), 400, "invalid_value", "model");

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "no closing boundary", "--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nflux-kontext-pro\r\n" },
        { "not multipart at all", "model=flux-kontext-pro&prompt=fox" },
        { "a part without Content-Disposition", "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n" },
        { "a part without a name", "--b\r\nContent-Disposition: form-data; filename=\"a.png\"\r\n\r\nx\r\n--b--\r\n" },
        { "a header line without a colon", "--b\r\nContent-Disposition form-data name=model\r\n\r\nx\r\n--b--\r\n" },
        { "a header line of 20,000 bytes", $"--b\r\nContent-Disposition: form-data; name=\"model\"\r\nX-Pad: {new string('a', 20_000)}\r\n\r\nx\r\n--b--\r\n" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Edit_MalformedMultipart_400MalformedRequest(string what, string body) =>
        await AssertRefusedAsync(Raw(body, "multipart/form-data; boundary=b"), 400, "malformed_request", null, what);

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=")]
    [InlineData("multipart/form-data; boundary=\"\"")]
    [InlineData("multipart/form-data; boundary=01234567890123456789012345678901234567890123456789012345678901234567890")]
    public async Task Edit_BoundaryMissingOrInvalid_400MalformedRequest(string contentType) =>
        await AssertRefusedAsync(Raw(Encoding.UTF8.GetString(Valid.ToBytes()), contentType), 400, "malformed_request", null);

    [Fact]
    public async Task Edit_WrongBoundary_400MalformedRequest() =>
        await AssertRefusedAsync(Raw(Encoding.UTF8.GetString(Valid.ToBytes()), "multipart/form-data; boundary=another-boundary"), 400, "malformed_request", null);

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/mixed; boundary=" + EditForm.DefaultBoundary)]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Edit_NotMultipartFormData_415UnsupportedMediaType(string? contentType) =>
        await AssertRefusedAsync(Raw(Encoding.UTF8.GetString(Valid.ToBytes()), contentType), 415, "unsupported_media_type", null);

    private static ByteArrayContent Raw(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    private Task AssertRefusedAsync(EditForm form, int status, string code, string? param) => AssertRefusedAsync(form.ToContent(), status, code, param);

    private async Task AssertRefusedAsync(HttpContent content, int status, string code, string? param, string? what = null)
    {
        using (content)
        {
            using var response = await _app.PostEditAsync(content, Token);

            await EditAssertions.AssertErrorAsync(response, status, InvalidRequest, code, param, Token, what);
            Assert.Empty(_app.Simulator.State.Requests);
        }
    }
}

public sealed class EditBadRequestEndToEndTestsOnServer(AdapterFixture<OnServer> fixture) : EditBadRequestEndToEndTests<OnServer>(fixture);

public sealed class EditBadRequestEndToEndTestsOnFunctions(AdapterFixture<OnFunctions> fixture) : EditBadRequestEndToEndTests<OnFunctions>(fixture);
