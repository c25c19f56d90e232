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
