using System.ComponentModel.DataAnnotations;

namespace ImageAdapter.Usage;

/// <summary>
/// Settings under <c>Usage__*</c>: the rule that turns a generation into OpenAI token counts, so the gateway's
/// token-based cost accounting and rate limits work for images.
/// </summary>
public sealed class UsageOptions
{
    public const string Section = "Usage";

    /// <summary>What output tokens count: pixels (the default) or the Fireworks cost in micro-dollars.</summary>
    [EnumDataType(typeof(UsageMode))]
    public UsageMode Mode { get; set; } = UsageMode.Pixels;

    /// <summary>Prompt characters per input token (default 4, the usual rule of thumb for English text).</summary>
    [Range(1, 1000)]
    public int CharactersPerToken { get; set; } = 4;

    /// <summary>Output pixels per output token (default 1024: a 1024x1024 image counts 1024 tokens).</summary>
    [Range(64, 1 << 24)]
    public int PixelsPerOutputToken { get; set; } = 1024;
}
