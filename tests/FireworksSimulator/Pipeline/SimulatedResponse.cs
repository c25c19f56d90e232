using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FireworksSimulator.Imaging;

namespace FireworksSimulator.Pipeline;

/// <summary>
/// An answer built in memory before it is written, so a fault can still truncate it, cut the
/// connection half way through it, or replace it.
/// </summary>
internal sealed record SimulatedResponse(
    int StatusCode,
    string? ContentType,
    byte[] Body,
    IReadOnlyDictionary<string, string> Headers)
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    public static SimulatedResponse Json<T>(int statusCode, T value, JsonTypeInfo<T> typeInfo) =>
        new(statusCode, "application/json", JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), NoHeaders);

    public static SimulatedResponse Text(int statusCode, string contentType, string text) =>
        new(statusCode, contentType, Encoding.UTF8.GetBytes(text), NoHeaders);

    /// <summary>A binary image with the <c>Finish-Reason</c> and <c>Seed</c> headers of §1.1/§1.2.</summary>
    public static SimulatedResponse Image(byte[] bytes, ImageFormat format, string finishReason, long seed) =>
        new(200, format.MediaType(), bytes, new Dictionary<string, string>
        {
            ["Finish-Reason"] = finishReason,
            ["Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public SimulatedResponse WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };
}
