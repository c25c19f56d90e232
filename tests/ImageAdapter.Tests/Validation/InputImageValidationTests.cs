using System.Text.Json;
using ImageAdapter.Contract;
using ImageAdapter.Errors;
using ImageAdapter.Tests.Support;
using ImageAdapter.Validation;

namespace ImageAdapter.Tests.Validation;

/// <summary>
/// The input-image rules, for an edit form and for <c>image</c> on generations: one image, no mask, a family that
/// edits, PNG/JPEG/WebP by the bytes, within the byte and pixel limits, and Fireworks' safety_tolerance cap.
/// </summary>
public sealed class InputImageValidationTests
{
    private static readonly byte[] Png = InputImages.Png(64, 32);

    [Fact]
    public void ValidateEdit_KontextWithOneImage_CarriesTheImageAndItsSize()
    {
        var request = TestRequests.Validator().ValidateEdit(Form(Png));

        Assert.Equal(Png, request.InputImage!.Bytes.ToArray());
        Assert.Equal(new ImageSize(64, 32), request.InputImage.Size);
        Assert.Null(request.InputImage.Url);
    }

    [Fact]
    public void ValidateEdit_NoImage_IsMissingImage() =>
        AssertRefused(AdapterErrorKind.MissingParameter, "image", () => TestRequests.Validator().ValidateEdit(Form(null, imageParts: 0)));

    [Fact]
    public void ValidateEdit_TwoImages_IsRefusedNamingImage() =>
        AssertRefused(AdapterErrorKind.UnsupportedParameter, "image", () => TestRequests.Validator().ValidateEdit(Form(Png, imageParts: 2)));

    [Fact]
    public void ValidateEdit_Mask_IsRefusedNamingMask() =>
        AssertRefused(AdapterErrorKind.UnsupportedParameter, "mask", () => TestRequests.Validator().ValidateEdit(Form(Png, mask: true)));

    [Fact]
    public void ValidateEdit_MissingPrompt_IsMissingPrompt() =>
        AssertRefused(AdapterErrorKind.MissingParameter, "prompt", () => TestRequests.Validator().ValidateEdit(Form(Png, prompt: null)));

    [Theory]
    [InlineData("low")]
    [InlineData("high")]
    public void ValidateEdit_InputFidelity_Accepted(string fidelity) =>
        Assert.NotNull(TestRequests.Validator().ValidateEdit(Form(Png) with { InputFidelity = fidelity }));

    [Fact]
    public void ValidateEdit_UnknownInputFidelity_IsRefused() =>
        AssertRefused(AdapterErrorKind.InvalidParameter, "input_fidelity",
            () => TestRequests.Validator().ValidateEdit(Form(Png) with { InputFidelity = "medium" }));

    [Theory]
    [InlineData("flux-1-dev-fp8")]
    [InlineData("SSD-1B")]
    public void ValidateEdit_ModelThatCannotEdit_IsRefusedNamingImageAndTheModelsThatCan(string model)
    {
        var exception = AssertRefused(AdapterErrorKind.UnsupportedParameter, "image", () => TestRequests.Validator().ValidateEdit(Form(Png, model: model)));

        Assert.Contains("'flux-kontext-pro', 'flux-kontext-max'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateEdit_Gif_IsRefusedNamingImage() =>
        AssertRefused(AdapterErrorKind.InvalidParameter, "image", () => TestRequests.Validator().ValidateEdit(Form(InputImages.Gif())));

    [Fact]
    public void ValidateEdit_Webp_IsAccepted() =>
        Assert.Equal(new ImageSize(800, 600), TestRequests.Validator().ValidateEdit(Form(InputImages.WebpExtended(800, 600))).InputImage!.Size);

    [Fact]
    public void ValidateEdit_ImageAtTheByteLimit_IsAccepted()
    {
        var limits = new LimitsOptions { MaxInputImageBytes = Png.Length };

        Assert.NotNull(TestRequests.Validator(limits: limits).ValidateEdit(Form(Png)));
    }

    [Fact]
    public void ValidateEdit_ImageOverTheByteLimit_IsRefusedNamingImage()
    {
        var limits = new LimitsOptions { MaxInputImageBytes = Png.Length - 1 };

        AssertRefused(AdapterErrorKind.InvalidParameter, "image", () => TestRequests.Validator(limits: limits).ValidateEdit(Form(Png)));
    }

    [Fact]
    public void ValidateEdit_ImageAtThePixelLimit_IsAccepted() =>
        Assert.NotNull(TestRequests.Validator(limits: new LimitsOptions { MaxInputImagePixels = 64 * 32 }).ValidateEdit(Form(Png)));

    [Fact]
    public void ValidateEdit_ImageOverThePixelLimit_IsRefusedNamingImage()
    {
        var exception = AssertRefused(AdapterErrorKind.InvalidParameter, "image",
            () => TestRequests.Validator(limits: new LimitsOptions { MaxInputImagePixels = 64 * 32 - 1 }).ValidateEdit(Form(Png)));

        Assert.Contains("64x32 (2048 pixels)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateEdit_HugeWebpDimensions_CountPixelsWithoutOverflow() =>
        AssertRefused(AdapterErrorKind.InvalidParameter, "image",
            () => TestRequests.Validator().ValidateEdit(Form(InputImages.WebpExtended(1 << 24, 1 << 24))));

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void ValidateEdit_SafetyToleranceUpToTwo_IsSent(int tolerance) =>
        Assert.Equal(tolerance, TestRequests.Validator().ValidateEdit(Form(Png, safetyTolerance: tolerance)).Extras.SafetyTolerance);

    [Fact]
    public void ValidateEdit_SafetyToleranceThree_IsRefusedNamingIt() =>
        AssertRefused(AdapterErrorKind.InvalidParameter, "safety_tolerance", () => TestRequests.Validator().ValidateEdit(Form(Png, safetyTolerance: 3)));

    [Fact]
    public void Validate_SafetyToleranceThreeWithoutImage_IsAccepted() =>
        Assert.Equal(3, TestRequests.Validate("""{"model":"flux-kontext-pro","prompt":"x","safety_tolerance":3}""").Extras.SafetyTolerance);

    [Fact]
    public void Validate_DataUrlImage_DecodesTheBytes()
    {
        var request = TestRequests.Validate(Json("flux-kontext-max", $"data:image/png;base64,{Convert.ToBase64String(Png)}"));

        Assert.Equal(Png, request.InputImage!.Bytes.ToArray());
        Assert.Equal(new ImageSize(64, 32), request.InputImage.Size);
    }

    [Fact]
    public void Validate_DataUrlWithEscapedSlashes_DecodesTheBytes()
    {
        var base64 = Convert.ToBase64String(Png).Replace("/", "\\/", StringComparison.Ordinal);
        var json = $$"""{"model":"flux-kontext-pro","prompt":"make it blue","image":"data:image/png;base64,{{base64}}"}""";

        Assert.Equal(Png, TestRequests.Validate(json).InputImage!.Bytes.ToArray());
    }

    [Fact]
    public void Validate_DataUrlDeclaringPngHoldingAGif_IsRefusedNamingImage() =>
        AssertRefused(AdapterErrorKind.InvalidParameter, "image",
            () => TestRequests.Validate(Json("flux-kontext-pro", $"data:image/png;base64,{Convert.ToBase64String(InputImages.Gif())}")));

    [Fact]
    public void Validate_HttpsUrl_IsKeptAsGivenWithoutASize()
    {
        var request = TestRequests.Validate(Json("flux-kontext-pro", "https://images.example.com/cat.png?sig=a%2Fb"));

        Assert.Equal("https://images.example.com/cat.png?sig=a%2Fb", request.InputImage!.Url!.AbsoluteUri);
        Assert.Null(request.InputImage.Size);
        Assert.True(request.InputImage.Bytes.IsEmpty);
    }

    [Theory]
    [InlineData("http://images.example.com/cat.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("cat.png")]
    [InlineData("data:image/png,rawbytes")]
    [InlineData("data:image/png;base64,not*base64")]
    [InlineData("")]
    public void Validate_ImageThatIsNeitherDataUrlNorHttps_IsRefusedNamingImage(string image) =>
        AssertRefused(AdapterErrorKind.InvalidParameter, "image", () => TestRequests.Validate(Json("flux-kontext-pro", image)));

    [Fact]
    public void Validate_UrlLongerThanTheLimit_IsRefusedNamingImage() =>
        AssertRefused(AdapterErrorKind.InvalidParameter, "image",
            () => TestRequests.Validate(Json("flux-kontext-pro", "https://example.com/" + new string('a', InputImageConverter.MaxUrlLength))));

    [Fact]
    public void Validate_ImageOnAFluxModel_IsRefusedNamingImage() =>
        AssertRefused(AdapterErrorKind.UnsupportedParameter, "image", () => TestRequests.Validate(Json("flux-1-schnell-fp8", "https://example.com/a.png")));

    [Theory]
    [InlineData("no image", "'image' is required: send the image to edit as a file part.")]
    [InlineData("two images", "Got 2 input images; FLUX Kontext edits exactly one. Send a single 'image' part.")]
    [InlineData("mask", "'mask' is not supported: FLUX Kontext edits without a mask. Describe the region to change in the prompt.")]
    [InlineData("gif", "The input image is not a PNG, JPEG or WebP image (judged by its bytes, not its declared type).")]
    [InlineData("safety_tolerance 3", "'safety_tolerance' must be at most 2 with an input image (Fireworks' limit for image editing); got 3.")]
    public void ValidateEdit_BadForm_MessageSaysWhatToChange(string form, string message)
    {
        var edit = form switch
        {
            "no image" => Form(null, imageParts: 0),
            "two images" => Form(Png, imageParts: 2),
            "mask" => Form(Png, mask: true),
            "gif" => Form(InputImages.Gif()),
            _ => Form(Png, safetyTolerance: 3),
        };

        Assert.Equal(message, Assert.Throws<AdapterException>(() => TestRequests.Validator().ValidateEdit(edit)).Message);
    }

    [Fact]
    public void ValidateEdit_ImageOverTheByteLimit_MessageGivesSizeAndLimit()
    {
        var limits = new LimitsOptions { MaxInputImageBytes = Png.Length - 1 };

        var exception = Assert.Throws<AdapterException>(() => TestRequests.Validator(limits: limits).ValidateEdit(Form(Png)));

        Assert.Equal($"The input image is {Png.Length} bytes; the maximum is {Png.Length - 1}.", exception.Message);
    }

    private static string Json(string model, string image) =>
        $$"""{"model":"{{model}}","prompt":"make it blue","image":{{JsonSerializer.Serialize(image, Unescaped)}}}""";

    // '+' and '/' stay as they are, so the converter reads the value in place rather than unescaping a copy.
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static ImageEditForm Form(byte[]? image, int imageParts = 1, bool mask = false, string? prompt = "make it blue", string model = "flux-kontext-pro", int? safetyTolerance = null) =>
        new(new CreateImageRequest { Model = model, Prompt = prompt, SafetyTolerance = safetyTolerance },
            image is null ? null : InputImage.FromBytes(image), imageParts, mask, null);

    private static AdapterException AssertRefused(AdapterErrorKind kind, string field, Func<object> validate)
    {
        var exception = Assert.Throws<AdapterException>(validate);
        Assert.Equal((kind, field), (exception.Kind, exception.Param));
        return exception;
    }
}
