using ImageAdapter.Catalogue;
using ImageAdapter.Contract;
using ImageAdapter.Errors;
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

    public ImageGenerationRequest Validate(CreateImageRequest request)
    {
        RejectUnknownFields(request);
        if (request.Stream == true)
        {
            throw Unsupported("stream", "Streaming is not supported by this adapter; omit 'stream' or set it to false.");
        }

        if (request.PartialImages is > 0)
        {
            throw Unsupported("partial_images", "Partial images need streaming, which this adapter does not support.");
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

        var (size, aspectRatio) = ShapeValidator.Validate(request.Size, request.AspectRatio, model, capabilities);
        return new ImageGenerationRequest(
            model,
            prompt,
            n,
            size,
            aspectRatio,
            format,
            ValidateCompression(request.OutputCompression, format, model, capabilities),
            ValidateResponseFormat(request.ResponseFormat),
            ExtrasValidator.Validate(request, model, capabilities, ValidatePrompt(request.NegativePrompt, "negative_prompt", required: false)));
    }

    private static readonly string[] AcceptedFields =
        [.. Contract.OpenAIJsonContext.Default.CreateImageRequest.Properties.Select(property => property.Name).Where(name => name.Length > 0).Order(StringComparer.Ordinal)];

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
