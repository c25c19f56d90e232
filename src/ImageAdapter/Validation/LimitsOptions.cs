using System.ComponentModel.DataAnnotations;

namespace ImageAdapter.Validation;

/// <summary>Settings under <c>Limits__*</c>: how much input the adapter accepts.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>
    /// Largest accepted request body without its input image, in bytes (default 1 MiB). Larger: 413. A body that carries
    /// an input image may be larger by that image (<see cref="MaxInputImageBytes"/>, in base64 for JSON).
    /// </summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Deepest accepted JSON nesting (default 16). Deeper: 400.</summary>
    [Range(2, 256)]
    public int MaxJsonDepth { get; set; } = 16;

    /// <summary>Longest accepted prompt, in characters (default 4000). Longer: 400.</summary>
    [Range(1, 1_000_000)]
    public int MaxPromptLength { get; set; } = 4000;

    /// <summary>Largest accepted <c>n</c> (default 10, the OpenAI maximum).</summary>
    [Range(1, 10)]
    public int MaxImages { get; set; } = 10;

    /// <summary>Largest accepted input image (edits, or <c>image</c> on generations), in bytes (default 20 MiB). Larger: 400.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxInputImageBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Most pixels an input image may have (default 4096 x 4096). More: 400.</summary>
    [Range(1, 1 << 28)]
    public int MaxInputImagePixels { get; set; } = 4096 * 4096;

    /// <summary>Most parts a <c>multipart/form-data</c> edit may have (default 32). More: 400.</summary>
    [Range(4, 1000)]
    public int MaxMultipartParts { get; set; } = 32;
}
