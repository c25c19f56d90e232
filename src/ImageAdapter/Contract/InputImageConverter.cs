using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImageAdapter.Errors;
using ImageAdapter.Translation;
using ImageAdapter.Validation;

namespace ImageAdapter.Contract;

/// <summary>
/// Reads the <c>image</c> field of a JSON request: a <c>data:</c> URL with base64 image bytes, decoded straight from the
/// UTF-8 of the body (a 20 MiB image is never held as a 54 MB string), or an absolute <c>https</c> URL. Anything else
/// is a 400 naming the field. Whether the bytes are an image the adapter accepts is the validator's question.
/// </summary>
internal sealed class InputImageConverter : JsonConverter<InputImage>
{
    public const string Field = "image";

    /// <summary>The longest URL accepted, as browsers and Fireworks' own URL fields allow.</summary>
    public const int MaxUrlLength = 2083;

    public override InputImage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string, got {reader.TokenType}.");
        }

        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return Parse(reader.ValueSpan);
        }

        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            return Parse(buffer.AsSpan(0, reader.CopyString(buffer)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void Write(Utf8JsonWriter writer, InputImage value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Input images are only read.");

    private static InputImage Parse(ReadOnlySpan<byte> text)
    {
        if (text.StartsWith("data:"u8))
        {
            var comma = text.IndexOf((byte)',');
            if (comma < 0 || !text[..comma].EndsWith(";base64"u8))
            {
                throw Invalid("'image' holds a data: URL that is not base64: expected 'data:image/png;base64,<bytes>'.");
            }

            try
            {
                return InputImage.FromBytes(Base64Payload.Decode(text));
            }
            catch (FormatException)
            {
                throw Invalid("'image' holds a data: URL whose payload is not valid base64.");
            }
        }

        return text.Length <= MaxUrlLength
            && Uri.TryCreate(Encoding.UTF8.GetString(text), UriKind.Absolute, out var url)
            && url.Scheme == Uri.UriSchemeHttps
            && url.Host.Length > 0
                ? InputImage.FromUrl(url)
                : throw Invalid($"'image' must be a data: URL with base64 image bytes or an https URL of at most {MaxUrlLength} characters.");
    }

    private static AdapterException Invalid(string message) => new(AdapterErrorKind.InvalidParameter, message, Field);
}
