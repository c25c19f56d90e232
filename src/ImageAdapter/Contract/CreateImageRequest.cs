using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageAdapter.Contract;

/// <summary>
/// The OpenAI <c>CreateImageRequest</c> body as received, plus the Fireworks-specific extras clients may add at the
/// top level. Every field is optional here; <see cref="Validation.ImageRequestValidator"/> decides what is required.
/// </summary>
internal sealed record CreateImageRequest
{
    public string? Model { get; init; }
    public string? Prompt { get; init; }
    public int? N { get; init; }
    public string? Size { get; init; }
    public string? Quality { get; init; }
    public string? ResponseFormat { get; init; }
    public string? OutputFormat { get; init; }
    public int? OutputCompression { get; init; }
    public bool? Stream { get; init; }
    public int? PartialImages { get; init; }
    public string? Background { get; init; }
    public string? Moderation { get; init; }
    public string? Style { get; init; }
    public string? User { get; init; }

    // Fireworks extras (see the README's parameter mapping).
    public string? NegativePrompt { get; init; }
    public long? Seed { get; init; }
    public int? Steps { get; init; }
    public int? NumInferenceSteps { get; init; }
    public double? CfgScale { get; init; }
    public double? GuidanceScale { get; init; }
    public string? Sampler { get; init; }
    public bool? SafetyCheck { get; init; }
    public int? SafetyTolerance { get; init; }
    public bool? PromptUpsampling { get; init; }
    public string? AspectRatio { get; init; }

    /// <summary>An input image for an edit (Kontext models): a <c>data:</c> URL or an <c>https</c> URL.</summary>
    [JsonConverter(typeof(InputImageConverter))]
    public Validation.InputImage? Image { get; init; }

    /// <summary>Fields no one asked for: reported as 400 <c>unknown_parameter</c>, never dropped silently.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
