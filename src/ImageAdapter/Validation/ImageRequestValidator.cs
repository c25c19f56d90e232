using ImageAdapter.Catalogue;
using ImageAdapter.Contract;
using ImageAdapter.Errors;
using ImageAdapter.Imaging;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Validation;

/// <summary>
/// Turns a parsed OpenAI request into an <see cref="ImageGenerationRequest"/>, or fails with the OpenAI error a
/// client would expect: which field, what was wrong, what is accepted. Never guesses and never clamps.
/// </summary>
internal sealed class ImageRequestValidator(ModelCatalogue catalogue, IOptions<LimitsOptions> limits, IImageStoreAvailability storage)
{
    private static readonly string[] Qualities = ["auto", "standard", "hd", "low", "medium", "high"];
    private static readonly string[] Styles = ["vivid", "natural"];
    private static readonly string[] Moderations = ["auto", "low"];
    private static readonly string[] InputFidelities = ["low", "high"];

    /// <summary>Fireworks' limit on <c>safety_tolerance</c> when Kontext is given an input image.</summary>
    public const int MaxSafetyToleranceWithImage = 2;

    /// <summary>OpenAI's largest <c>partial_images</c>.</summary>
    public const int MaxPartialImages = 3;

    /// <summary>A JSON <c>/v1/images/generations</c> request, with or without an input <c>image</c>.</summary>
    public ImageGenerationRequest Validate(CreateImageRequest request)
    {
        RejectUnknownFields(request);
        return Validate(request, request.Image);
    }

    /// <summary>
    /// A <c>/v1/images/edits</c> form: exactly one input image, no mask, then every rule of a generation with that
    /// image. Unknown fields were refused while reading the form.
    /// </summary>
    public ImageGenerationRequest ValidateEdit(ImageEditForm form)
    {
        if (form.ImageParts == 0)
        {
            throw new AdapterException(AdapterErrorKind.MissingParameter, "'image' is required: send the image to edit as a file part.", "image");
        }

        if (form.ImageParts > 1)
        {
            throw Unsupported("image", $"Got {form.ImageParts} input images; FLUX Kontext edits exactly one. Send a single 'image' part.");
        }

        if (form.HasMask)
        {
            throw Unsupported("mask", "'mask' is not supported: FLUX Kontext edits without a mask. Describe the region to change in the prompt.");
        }

        CheckOneOf("input_fidelity", form.InputFidelity, InputFidelities);
        return Validate(form.Request, form.Image);
    }

    private ImageGenerationRequest Validate(CreateImageRequest request, InputImage? image)
    {
        if (request.PartialImages is < 0 or > MaxPartialImages)
        {
            // Accepted for the SDKs' sake; Fireworks makes no partial images, so none are ever sent.
            throw Invalid("partial_images", $"'partial_images' must be between 0 and {MaxPartialImages}; got {request.PartialImages}.");
        }

        var prompt = ValidatePrompt(request.Prompt, "prompt", required: true)!;
        var model = ResolveModel(request.Model);
        var capabilities = FamilyCapabilities.For(model.Family);
        var format = ValidateOutputFormat(request.OutputFormat);

        CheckOneOf("quality", request.Quality, Qualities);
        CheckOneOf("style", request.Style, Styles);
        CheckOneOf("moderation", request.Moderation, Moderations);
        CheckBackground(request.Background);

        var n = ValidateN(request.N);
        if (capabilities.SamplesPerCall && n > 1 && format == ImageFormat.Jpeg)
        {
            // Fireworks' image_generation API returns several samples only as PNG (a JSON list).
            throw Unsupported("output_format", $"Model '{model.ShortName}' returns more than one image only as 'png'; use n=1 for 'jpeg'.");
        }

        var responseFormat = ValidateResponseFormat(request.ResponseFormat);
        var stream = request.Stream == true;
        if (stream && responseFormat == ResponseFormat.Url)
        {
            throw Unsupported("response_format", "With 'stream': true the images come as base64 in the stream's events; omit 'response_format' or use 'b64_json'.");
        }

        var (size, aspectRatio) = ShapeValidator.Validate(request.Size, request.AspectRatio, model, capabilities);
        var inputImage = image is null ? null : ValidateInputImage(image, model, capabilities);
        if (inputImage is not null && request.SafetyTolerance > MaxSafetyToleranceWithImage)
        {
            throw Invalid("safety_tolerance",
                $"'safety_tolerance' must be at most {MaxSafetyToleranceWithImage} with an input image (Fireworks' limit for image editing); got {request.SafetyTolerance}.");
        }

        return new ImageGenerationRequest(
            model,
            prompt,
            n,
            size,
            aspectRatio,
            format,
            ValidateCompression(request.OutputCompression, format, model, capabilities),
            responseFormat,
            ExtrasValidator.Validate(request, model, capabilities, ValidatePrompt(request.NegativePrompt, "negative_prompt", required: false)),
            inputImage,
            stream,
            request.Quality);
    }

    /// <summary>
    /// An input image needs a family that edits. Bytes must be a PNG, JPEG or WebP by their header (whatever their
    /// declared type) within the size and pixel limits; a URL is Fireworks' to fetch, and the adapter never does.
    /// </summary>
    private InputImage ValidateInputImage(InputImage image, ModelEntry model, FamilyCapabilities capabilities)
    {
        if (!capabilities.Edits)
        {
            var editors = catalogue.Entries.Where(entry => FamilyCapabilities.For(entry.Family).Edits).Select(entry => $"'{entry.ShortName}'");
            throw Unsupported("image", $"Model '{model.ShortName}' cannot edit images. Use a FLUX Kontext model: {string.Join(", ", editors)}.");
        }

        if (image.Url is not null)
        {
            return image;
        }

        var settings = limits.Value;
        if (image.Bytes.Length > settings.MaxInputImageBytes)
        {
            throw Invalid("image", $"The input image is {image.Bytes.Length} bytes; the maximum is {settings.MaxInputImageBytes}.");
        }

        var size = ImageInspector.ReadInputSize(image.Bytes.Span)
            ?? throw Invalid("image", "The input image is not a PNG, JPEG or WebP image (judged by its bytes, not its declared type).");
        return (long)size.Width * size.Height <= settings.MaxInputImagePixels
            ? image with { Size = size }
            : throw Invalid("image", $"The input image is {size} ({(long)size.Width * size.Height} pixels); the maximum is {settings.MaxInputImagePixels} pixels.");
    }

    private static readonly string[] AcceptedFields =
        [.. Contract.OpenAIJsonContext.Default.CreateImageRequest.Properties.Where(property => !property.IsExtensionData).Select(property => property.Name).Order(StringComparer.Ordinal)];

    private static void RejectUnknownFields(CreateImageRequest request)
    {
        if (request.UnknownFields is { Count: > 0 } unknown)
        {
            var name = unknown.Keys.Order(StringComparer.Ordinal).First();
            throw new AdapterException(AdapterErrorKind.UnknownParameter,
                $"Unrecognized request argument supplied: '{name}'. Accepted fields: {string.Join(", ", AcceptedFields)}.", name);
        }
    }

    private string? ValidatePrompt(string? value, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required
                ? throw new AdapterException(AdapterErrorKind.MissingParameter, $"'{field}' is required and must not be empty.", field)
                : null;
        }

        var max = limits.Value.MaxPromptLength;
        return value.Length <= max
            ? value
            : throw Invalid(field, $"'{field}' is {value.Length} characters long; the maximum is {max}.");
    }

    private ModelEntry ResolveModel(string? requested)
    {
        var name = string.IsNullOrEmpty(requested) ? catalogue.Default : requested;
        if (name is null)
        {
            throw new AdapterException(AdapterErrorKind.MissingParameter,
                "'model' is required: this adapter has no default model (Models__Default). GET /v1/models lists the models.", "model");
        }

        return catalogue.Find(name) ?? throw new AdapterException(AdapterErrorKind.ModelNotFound,
            $"The model '{name}' does not exist or is not served by this adapter. GET /v1/models lists the models.", "model");
    }

    private int ValidateN(int? n)
    {
        var max = limits.Value.MaxImages;
        return n switch
        {
            null => 1,
            >= 1 when n <= max => n.Value,
            _ => throw Invalid("n", $"'n' must be between 1 and {max}; got {n}."),
        };
    }

    private static ImageFormat ValidateOutputFormat(string? value) => value switch
    {
        null or "png" => ImageFormat.Png,
        "jpeg" => ImageFormat.Jpeg,
        "webp" => throw Unsupported("output_format", "output_format 'webp' is not supported: Fireworks returns png or jpeg."),
        _ => throw Invalid("output_format", $"Invalid value '{value}' for output_format. Supported values are: 'png' and 'jpeg'."),
    };

    private static int? ValidateCompression(int? compression, ImageFormat format, ModelEntry model, FamilyCapabilities capabilities)
    {
        if (compression is null)
        {
            return null;
        }

        if (compression is < 0 or > 100)
        {
            throw Invalid("output_compression", $"'output_compression' must be between 0 and 100; got {compression}.");
        }

        if (format != ImageFormat.Jpeg)
        {
            throw Unsupported("output_compression", "'output_compression' applies to output_format 'jpeg' only.");
        }

        return capabilities.JpegQuality
            ? compression
            : throw Unsupported("output_compression",
                $"'output_compression' is not supported by model '{model.ShortName}': Fireworks sets JPEG quality only for FLUX workflow models.");
    }

    private ResponseFormat ValidateResponseFormat(string? value) => value switch
    {
        null or "b64_json" => ResponseFormat.B64Json,
        "url" when storage.IsConfigured => ResponseFormat.Url,
        "url" => throw Unsupported("response_format",
            "response_format 'url' needs image storage, which this adapter does not have configured (Storage__*). Use 'b64_json'."),
        _ => throw Invalid("response_format", $"Invalid value '{value}' for response_format. Supported values are: 'b64_json' and 'url'."),
    };

    private static void CheckBackground(string? value)
    {
        if (value == "transparent")
        {
            throw Unsupported("background", "background 'transparent' is not supported: Fireworks images are opaque.");
        }

        CheckOneOf("background", value, ["auto", "opaque"]);
    }

    private static void CheckOneOf(string field, string? value, string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw Invalid(field, $"Invalid value '{value}' for {field}. Supported values are: {string.Join(", ", allowed.Select(a => $"'{a}'"))}.");
        }
    }

    internal static AdapterException Invalid(string field, string message) => new(AdapterErrorKind.InvalidParameter, message, field);

    internal static AdapterException Unsupported(string field, string message) => new(AdapterErrorKind.UnsupportedParameter, message, field);
}
