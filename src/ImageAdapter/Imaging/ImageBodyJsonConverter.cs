using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageAdapter.Imaging;

/// <summary>
/// Writes an <see cref="ImageBody"/> as a base64 JSON string: the bytes encoded, or the base64 text as it is. Base64's
/// characters are never escaped by the responses' relaxed encoder. Images are only written.
/// </summary>
internal sealed class ImageBodyJsonConverter : JsonConverter<ImageBody>
{
    public override ImageBody Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Images are only written.");

    public override void Write(Utf8JsonWriter writer, ImageBody value, JsonSerializerOptions options)
    {
        if (value.IsBase64)
        {
            writer.WriteStringValue(value.Text.Span);
        }
        else
        {
            writer.WriteBase64StringValue(value.Decoded.Span);
        }
    }
}
