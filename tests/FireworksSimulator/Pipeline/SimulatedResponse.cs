using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FireworksSimulator.Imaging;

namespace FireworksSimulator.Pipeline;

/// <summary>
/// An answer built in memory before it is written, so a fault can still truncate it, cut the
/// connection half way through it, or replace it. The body is a list of pieces written one after the other, so that
/// a large answer can point at cached image bytes instead of copying them (<see cref="JsonWithStrings"/>).
/// </summary>
internal sealed record SimulatedResponse(
    int StatusCode,
    string? ContentType,
    IReadOnlyList<ReadOnlyMemory<byte>> Body,
    IReadOnlyDictionary<string, string> Headers)
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    public long Length => Body.Sum(piece => (long)piece.Length);

    public static SimulatedResponse Json<T>(int statusCode, T value, JsonTypeInfo<T> typeInfo) =>
        new(statusCode, "application/json", [JsonSerializer.SerializeToUtf8Bytes(value, typeInfo)], NoHeaders);

    /// <summary>
    /// The JSON of <paramref name="value"/>, whose string property <paramref name="name"/> was left empty in each of
    /// its objects, with the n-th of them holding <paramref name="strings"/>[n]. The bytes are those the serializer
    /// would write for the filled value, as long as the strings need no escaping (base64 needs none), and the strings
    /// are not copied: the SDXL JSON answer of n=4 is 8.8 MB, which serialized per request made the simulator the
    /// benchmark's bottleneck.
    /// </summary>
    public static SimulatedResponse JsonWithStrings<T>(T value, JsonTypeInfo<T> typeInfo, string name, IReadOnlyList<ReadOnlyMemory<byte>> strings)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var empty = Encoding.UTF8.GetBytes($"\"{name}\":\"\"");
        var pieces = new List<ReadOnlyMemory<byte>>();
        var rest = json.AsMemory();
        foreach (var text in strings)
        {
            var at = rest.Span.IndexOf(empty);
            if (at < 0)
            {
                throw new InvalidOperationException($"The JSON has fewer empty \"{name}\" properties than strings to put in them.");
            }

            var open = at + empty.Length - 1; // between the two quotes
            pieces.Add(rest[..open]);
            pieces.Add(text);
            rest = rest[open..];
        }

        pieces.Add(rest);
        return new(200, "application/json", pieces, NoHeaders);
    }

    public static SimulatedResponse Text(int statusCode, string contentType, string text) =>
        new(statusCode, contentType, [Encoding.UTF8.GetBytes(text)], NoHeaders);

    /// <summary>A binary image with the <c>Finish-Reason</c> and <c>Seed</c> headers of §1.1/§1.2.</summary>
    public static SimulatedResponse Image(byte[] bytes, ImageFormat format, string finishReason, long seed) =>
        new(200, format.MediaType(), [bytes], new Dictionary<string, string>
        {
            ["Finish-Reason"] = finishReason,
            ["Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public SimulatedResponse WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };

    /// <summary>The same answer with only the first half of its body, as a truncating fault sends it.</summary>
    public SimulatedResponse FirstHalf()
    {
        var length = Length / 2;
        var pieces = new List<ReadOnlyMemory<byte>>();
        foreach (var piece in Body)
        {
            if (length <= 0)
            {
                break;
            }

            pieces.Add(piece[..(int)Math.Min(piece.Length, length)]);
            length -= piece.Length;
        }

        return this with { Body = pieces };
    }

    public async Task WriteBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        foreach (var piece in Body)
        {
            await body.WriteAsync(piece, cancellationToken);
        }
    }
}
