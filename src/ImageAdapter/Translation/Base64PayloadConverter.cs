using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageAdapter.Translation;

/// <summary>
/// Reads an artifact's <c>base64</c> JSON string into bytes with <see cref="Base64Payload"/>, without materialising it
/// as a <see cref="string"/>. Writing is not needed: the adapter only reads these answers.
/// </summary>
internal sealed class Base64PayloadConverter : JsonConverter<ReadOnlyMemory<byte>>
{
    public override ReadOnlyMemory<byte> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a base64 string, got {reader.TokenType}.");
        }

        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return Base64Payload.Decode(reader.ValueSpan);
        }

        // Escapes (such as \/) or a value split across buffers: unescape into a rented buffer first.
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = reader.CopyString(buffer);
            return Base64Payload.Decode(buffer.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Artifacts are only read.");
}
