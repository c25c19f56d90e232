using System.Text.Json;
using System.Text.Json.Serialization;
using ImageAdapter.Imaging;

namespace ImageAdapter.Translation;

/// <summary>
/// Reads an artifact's <c>base64</c> JSON string as a <see cref="Base64Text"/>: where it sits in the answer, so that it
/// can be kept or decoded in place there, or, when the string has escapes (such as <c>\/</c>) or is split across buffers, an
/// unescaped copy. Writing is not needed: the adapter only reads these answers.
/// </summary>
internal sealed class Base64PayloadConverter : JsonConverter<Base64Text>
{
    public override Base64Text Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a base64 string, got {reader.TokenType}.");
        }

        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            // The token starts at its opening quote.
            return new Base64Text(checked((int)reader.TokenStartIndex + 1), reader.ValueSpan.Length, Unescaped: null);
        }

        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        var unescaped = new byte[length];
        var written = reader.CopyString(unescaped);
        return new Base64Text(0, written, unescaped);
    }

    public override void Write(Utf8JsonWriter writer, Base64Text value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Artifacts are only read.");
}

/// <summary>
/// A base64 string of a JSON answer: <paramref name="Length"/> bytes at <paramref name="Offset"/> in the answer itself,
/// or, when <paramref name="Unescaped"/> is set, in that copy.
/// </summary>
internal readonly record struct Base64Text(int Offset, int Length, byte[]? Unescaped)
{
    /// <summary>
    /// The image: its text where it is, or decoded in place there (<see cref="Base64Payload.Read"/>).
    /// <paramref name="noted"/> holds what was noted of <paramref name="json"/> as it was read; it says nothing of a copy.
    /// <paramref name="skeleton"/>, when this string was read from it, says where the string is in <paramref name="json"/>.
    /// </summary>
    public ImageBody Read(Memory<byte> json, NonBase64Bytes? noted = null, JsonSkeleton? skeleton = null)
    {
        if (Unescaped is not null)
        {
            return Base64Payload.Read(Unescaped.AsMemory(Offset, Length));
        }

        var (offset, length) = skeleton?.InAnswer(Offset, Length) ?? (Offset, Length);
        return Base64Payload.Read(json.Slice(offset, length), noted, offset);
    }
}
