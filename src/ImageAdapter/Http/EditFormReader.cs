using System.Globalization;
using System.Text;
using ImageAdapter.Contract;
using ImageAdapter.Errors;
using ImageAdapter.Resilience;
using ImageAdapter.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ImageAdapter.Http;

/// <summary>
/// Reads a <c>/v1/images/edits</c> body as the OpenAI SDKs send it: <c>multipart/form-data</c> with <c>image</c> or
/// <c>image[]</c> file parts, an optional <c>mask</c>, and every other field as a string part. Bounded throughout: the
/// number of parts, each field's length, each image's size and the whole body. A malformed body is a 400, an unknown
/// field a 400 naming it, a field that is not of its type a 400 naming it.
/// </summary>
internal sealed class EditFormReader(IOptions<LimitsOptions> limits)
{
    /// <summary>The longest value of a field other than <c>prompt</c>, in bytes.</summary>
    public const int MaxFieldBytes = 1024;

    private const int MaxBoundaryLength = 70; // RFC 2046

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The scalar fields an edit accepts: OpenAI's, then the Fireworks extras Kontext takes.</summary>
    public static readonly string[] Fields =
    [
        "prompt", "model", "n", "size", "output_format", "output_compression", "response_format", "background", "quality",
        "input_fidelity", "user", "stream", "partial_images", "seed", "safety_tolerance", "prompt_upsampling", "aspect_ratio",
    ];

    public async Task<ImageEditForm> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var boundary = Boundary(request.ContentType);
        var settings = limits.Value;
        var maxBody = (long)settings.MaxRequestBodyBytes + settings.MaxInputImageBytes;
        if (request.ContentLength > maxBody)
        {
            throw TooLarge(maxBody);
        }

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = maxBody };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        ReadOnlyMemory<byte>? image = null;
        var (imageParts, hasMask, parts, total) = (0, false, 0, 0L);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (++parts > settings.MaxMultipartParts)
                {
                    throw Malformed($"The form has more than {settings.MaxMultipartParts} parts.");
                }

                var name = FieldName(section);
                if (name is "image" or "image[]" or "mask")
                {
                    var bytes = await ReadImageAsync(section.Body, name, settings.MaxInputImageBytes, cancellationToken);
                    total += bytes.Length;
                    if (name == "mask")
                    {
                        hasMask = true;
                    }
                    else
                    {
                        imageParts++;
                        image ??= bytes;
                    }
                }
                else if (!Fields.Contains(name, StringComparer.Ordinal))
                {
                    throw new AdapterException(AdapterErrorKind.UnknownParameter,
                        $"Unrecognized request argument supplied: '{name}'. Accepted fields: image, mask, {string.Join(", ", Fields)}.", name);
                }
                else
                {
                    var value = await ReadTextAsync(section.Body, name, MaxBytes(name), cancellationToken);
                    total += value.Length;
                    if (!fields.TryAdd(name, value))
                    {
                        throw ImageRequestValidator.Invalid(name, $"'{name}' appears more than once in the form.");
                    }
                }

                if (total > maxBody)
                {
                    throw TooLarge(maxBody);
                }
            }
        }
        catch (InvalidDataException exception)
        {
            // MultipartReader's verdict on the body's framing: a broken boundary line, part headers too long or too many.
            throw Malformed("The multipart/form-data body is malformed: " + exception.Message);
        }
        catch (IOException exception) when (exception is not BadHttpRequestException)
        {
            throw Malformed("The multipart/form-data body ended before its closing boundary.");
        }

        return new ImageEditForm(ToRequest(fields), image is { } first ? InputImage.FromBytes(first) : null, imageParts, hasMask, fields.GetValueOrDefault("input_fidelity"));
    }

    private int MaxBytes(string field) => field == "prompt" ? Math.Max(MaxFieldBytes, limits.Value.MaxPromptLength * 4) : MaxFieldBytes;

    private static string Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new AdapterException(AdapterErrorKind.UnsupportedMediaType,
                $"Unsupported content type '{contentType}': send an edit as 'multipart/form-data', as the OpenAI SDKs do.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        return boundary is { Length: > 0 and <= MaxBoundaryLength }
            ? boundary
            : throw Malformed($"The multipart/form-data content type needs a boundary of 1 to {MaxBoundaryLength} characters.");
    }

    private static string FieldName(MultipartSection section)
    {
        if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed("A form part has no 'Content-Disposition: form-data' header.");
        }

        var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
        return string.IsNullOrEmpty(name) ? throw Malformed("A form part has no name in its Content-Disposition.") : name;
    }

    private static Task<Memory<byte>> ReadImageAsync(Stream body, string field, int maxBytes, CancellationToken cancellationToken) =>
        ImageBytes.ReadAsync(body, maxBytes, () => ImageRequestValidator.Invalid(field.TrimEnd('[', ']'),
            $"The '{field}' file is larger than the {maxBytes} bytes this adapter accepts."), cancellationToken);

    private static async Task<string> ReadTextAsync(Stream body, string field, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length <= maxBytes && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > maxBytes)
        {
            throw ImageRequestValidator.Invalid(field, $"'{field}' is longer than {maxBytes} bytes.");
        }

        try
        {
            return StrictUtf8.GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw ImageRequestValidator.Invalid(field, $"'{field}' is not valid UTF-8 text.");
        }
    }

    /// <summary>The typed request: multipart carries every scalar as a string, so each is parsed here, naming the field on failure.</summary>
    private static CreateImageRequest ToRequest(Dictionary<string, string> fields) => new()
    {
        Prompt = fields.GetValueOrDefault("prompt"),
        Model = fields.GetValueOrDefault("model"),
        N = Integer(fields, "n"),
        Size = fields.GetValueOrDefault("size"),
        OutputFormat = fields.GetValueOrDefault("output_format"),
        OutputCompression = Integer(fields, "output_compression"),
        ResponseFormat = fields.GetValueOrDefault("response_format"),
        Background = fields.GetValueOrDefault("background"),
        Quality = fields.GetValueOrDefault("quality"),
        User = fields.GetValueOrDefault("user"),
        Stream = Boolean(fields, "stream"),
        PartialImages = Integer(fields, "partial_images"),
        Seed = Parse<long>(fields, "seed", "an integer", text => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null),
        SafetyTolerance = Integer(fields, "safety_tolerance"),
        PromptUpsampling = Boolean(fields, "prompt_upsampling"),
        AspectRatio = fields.GetValueOrDefault("aspect_ratio"),
    };

    private static int? Integer(Dictionary<string, string> fields, string field) =>
        Parse<int>(fields, field, "an integer", text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null);

    private static bool? Boolean(Dictionary<string, string> fields, string field) =>
        Parse<bool>(fields, field, "'true' or 'false'", text => bool.TryParse(text, out var value) ? value : null);

    private static T? Parse<T>(Dictionary<string, string> fields, string field, string expected, Func<string, T?> parse)
        where T : struct =>
        !fields.TryGetValue(field, out var text)
            ? null
            : parse(text) ?? throw ImageRequestValidator.Invalid(field, $"Invalid value '{text}' for '{field}': expected {expected}.");

    private static AdapterException Malformed(string message) => new(AdapterErrorKind.MalformedRequest, message);

    private static AdapterException TooLarge(long maxBody) =>
        new(AdapterErrorKind.RequestTooLarge, $"The request body is larger than the {maxBody} bytes this adapter accepts for an edit.");
}
