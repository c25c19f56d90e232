using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImageAdapter.Contract;
using ImageAdapter.Errors;
using ImageAdapter.Resilience;
using ImageAdapter.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ImageAdapter.Http;

/// <summary>
/// Reads a JSON request body within the configured limits: content type (415), size (413), syntax and depth (400 with
/// the position), then field types (400 naming the field). A body may exceed <see cref="LimitsOptions.MaxRequestBodyBytes"/>
/// only by an input <c>image</c>, in base64, of at most <see cref="LimitsOptions.MaxInputImageBytes"/>.
/// </summary>
internal sealed class RequestBodyReader
{
    private const int FirstBufferBytes = 4096;

    private readonly int _maxBytes;
    private readonly long _maxBytesWithImage;
    private readonly JsonDocumentOptions _documentOptions;
    private readonly JsonTypeInfo<CreateImageRequest> _typeInfo;

    public RequestBodyReader(IOptions<LimitsOptions> limits)
    {
        _maxBytes = limits.Value.MaxRequestBodyBytes;
        _maxBytesWithImage = RequestLimits.MaxBodyBytes(limits.Value);
        _documentOptions = new JsonDocumentOptions { MaxDepth = limits.Value.MaxJsonDepth, AllowDuplicateProperties = false };
        var serializerOptions = new JsonSerializerOptions(OpenAIJsonContext.Default.Options)
        {
            MaxDepth = limits.Value.MaxJsonDepth,
            AllowDuplicateProperties = false,
        };
        _typeInfo = (JsonTypeInfo<CreateImageRequest>)serializerOptions.GetTypeInfo(typeof(CreateImageRequest));
    }

    public async Task<CreateImageRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            throw new AdapterException(AdapterErrorKind.UnsupportedMediaType,
                $"Unsupported content type '{request.ContentType}': send the request as 'application/json'.");
        }

        if (request.ContentLength > _maxBytesWithImage)
        {
            throw TooLarge();
        }

        var buffer = await ReadBoundedAsync(request.Body, request.ContentLength, cancellationToken);
        if (buffer.WrittenCount == 0)
        {
            throw new AdapterException(AdapterErrorKind.InvalidJson, "The request body is empty: send a JSON object.");
        }

        CheckSyntax(buffer.WrittenMemory);
        CreateImageRequest parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(buffer.WrittenSpan, _typeInfo)
                ?? throw new AdapterException(AdapterErrorKind.InvalidJson, "The request body must be a JSON object.");
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 2 } path ? path[2..] : null;
            throw new AdapterException(AdapterErrorKind.InvalidParameter,
                field is null ? "The request body must be a JSON object." : $"Invalid type for '{field}': expected {ExpectedType(field)}.",
                field);
        }

        if (parsed.Image is null && buffer.WrittenCount > _maxBytes)
        {
            throw TooLarge();
        }

        // An input image's bytes stay with the request until its answer is written, as Fireworks' answers do.
        ImageMemoryBudget.Charge(parsed.Image?.Bytes.Length ?? 0);
        return parsed;
    }

    private string ExpectedType(string field)
    {
        var type = _typeInfo.Properties.FirstOrDefault(property => property.Name == field)?.PropertyType;
        return (type is null ? null : Nullable.GetUnderlyingType(type) ?? type) switch
        {
            { } t when t == typeof(string) => "a string",
            { } t when t == typeof(bool) => "a boolean",
            { } t when t == typeof(int) || t == typeof(long) => "an integer",
            { } t when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => "a number",
            { } t when t == typeof(InputImage) => "a string (a data: URL or an https URL)",
            _ => "another JSON type",
        };
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (!media.Charset.HasValue || HeaderUtilities.RemoveQuotes(media.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    // A promised length under 4 KiB sizes the buffer, with one byte more so that reading the end does not grow it;
    // otherwise the buffer starts at 4 KiB. Either way it grows (doubles) only once full: asking it for 4 KiB free on
    // every read grew a 4 KiB buffer to 8 KiB for every 150-byte body.
    private async Task<ArrayBufferWriter<byte>> ReadBoundedAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(contentLength is >= 0 and < FirstBufferBytes ? (int)contentLength + 1 : FirstBufferBytes);
        while (true)
        {
            var read = await body.ReadAsync(buffer.GetMemory(), cancellationToken);
            if (read == 0)
            {
                return buffer;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > _maxBytesWithImage)
            {
                throw TooLarge();
            }
        }
    }

    private void CheckSyntax(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, _documentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new AdapterException(AdapterErrorKind.InvalidJson, "The request body must be a JSON object.");
            }

            foreach (var field in document.RootElement.EnumerateObject())
            {
                if (!IsText(field.Value))
                {
                    throw new AdapterException(AdapterErrorKind.InvalidJson,
                        $"The value of '{field.Name}' is not valid text: it holds an unpaired UTF-16 surrogate escape.", field.Name);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // JSON allows escapes such as "\ud800" that are not text; reading such a field name throws.
            throw new AdapterException(AdapterErrorKind.InvalidJson,
                "The request body is not valid JSON text: a field name holds an unpaired UTF-16 surrogate escape.");
        }
        catch (JsonException exception)
        {
            throw new AdapterException(AdapterErrorKind.InvalidJson, exception.LineNumber is not { } line
                ? "The request body repeats a field."
                : TooDeep(json)
                    ? $"The request body is nested deeper than {_documentOptions.MaxDepth} levels (line {line + 1}, position {exception.BytePositionInLine + 1})."
                    : $"The request body is not valid JSON (line {line + 1}, position {exception.BytePositionInLine + 1}).");
        }
    }

    // Whether the syntax error is the depth limit: the same text read without that limit gets deeper than it allows.
    private bool TooDeep(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = _documentOptions.MaxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth >= _documentOptions.MaxDepth)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Invalid before it got too deep.
        }

        return false;
    }

    // Whether every string in the value decodes to valid UTF-16 text (JSON escapes can spell unpaired surrogates).
    private static bool IsText(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    value.GetString();
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }

            case JsonValueKind.Array:
                return value.EnumerateArray().All(IsText);
            case JsonValueKind.Object:
                return value.EnumerateObject().All(property => IsText(property.Value));
            default:
                return true;
        }
    }

    private AdapterException TooLarge() => new(AdapterErrorKind.RequestTooLarge,
        $"The request body is larger than the {_maxBytes} bytes this adapter accepts (more only for an input 'image', up to {_maxBytesWithImage} bytes in all).");
}
