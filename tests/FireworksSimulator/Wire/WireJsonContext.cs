using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FireworksSimulator.Wire;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SdxlRequest))]
[JsonSerializable(typeof(FluxRequest))]
[JsonSerializable(typeof(KontextSubmitRequest))]
[JsonSerializable(typeof(KontextPollRequest))]
[JsonSerializable(typeof(IReadOnlyList<SdxlArtifact>))]
[JsonSerializable(typeof(FluxJsonResponse))]
[JsonSerializable(typeof(KontextSubmitResponse))]
[JsonSerializable(typeof(KontextPollResponse))]
[JsonSerializable(typeof(FireworksErrorBody))]
[JsonSerializable(typeof(ErrorStringBody))]
[JsonSerializable(typeof(DetailBody))]
[JsonSerializable(typeof(GatewayFaultBody))]
[JsonSerializable(typeof(KontextErrorBody))]
internal sealed partial class WireJsonContext : JsonSerializerContext;

internal static class WireJson
{
    /// <summary>
    /// The context used on the wire: relaxed escaping keeps base64 '+' literal, as a Python server
    /// writes it, instead of <c>\u002B</c>.
    /// </summary>
    public static WireJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
