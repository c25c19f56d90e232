using System.ComponentModel.DataAnnotations;

namespace ImageAdapter.Validation;

/// <summary>Settings under <c>Limits__*</c>: how much input the adapter accepts.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest accepted request body, in bytes (default 1 MiB). Larger: 413.</summary>
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
}
