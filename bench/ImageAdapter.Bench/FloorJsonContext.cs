using System.Text.Json.Serialization;

namespace ImageAdapter.Bench;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FloorRequest))]
[JsonSerializable(typeof(FloorUpstreamBody))]
internal sealed partial class FloorJsonContext : JsonSerializerContext;
