using System.Collections.Frozen;

namespace ImageAdapter.Catalogue;

/// <summary>What one API family can do: the table validation and translation read instead of branching on model names.</summary>
/// <param name="SizeRule">How OpenAI <c>size</c> is expressed to Fireworks.</param>
/// <param name="SamplesPerCall">True when one call returns all <c>n</c> images (<c>samples</c>); otherwise the adapter fans out one call per image.</param>
/// <param name="JpegQuality">Whether <c>output_compression</c> can be honoured (the <c>Jpeg-Quality</c> header).</param>
/// <param name="Extras">Fireworks-specific request fields the family accepts.</param>
/// <param name="Edits">Whether the family takes an input image (<c>/v1/images/edits</c>, or <c>image</c> on generations).</param>
internal sealed record FamilyCapabilities(ApiFamily Family, SizeRule SizeRule, bool SamplesPerCall, bool JpegQuality, FrozenSet<string> Extras, bool Edits)
{
    private static readonly FrozenDictionary<ApiFamily, FamilyCapabilities> Table = new FamilyCapabilities[]
    {
        new(ApiFamily.ImageGeneration, SizeRule.ExactSizes, SamplesPerCall: true, JpegQuality: false,
            Set("negative_prompt", "seed", "steps", "num_inference_steps", "cfg_scale", "guidance_scale", "sampler", "safety_check"), Edits: false),
        new(ApiFamily.FluxWorkflow, SizeRule.AspectRatioEnum, SamplesPerCall: false, JpegQuality: true,
            Set("seed", "steps", "num_inference_steps", "cfg_scale", "guidance_scale", "safety_check", "aspect_ratio"), Edits: false),
        new(ApiFamily.KontextWorkflow, SizeRule.FreeAspectRatio, SamplesPerCall: false, JpegQuality: false,
            Set("seed", "safety_tolerance", "prompt_upsampling", "aspect_ratio"), Edits: true),
    }.ToFrozenDictionary(row => row.Family);

    public static FamilyCapabilities For(ApiFamily family) => Table[family];

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);
}

/// <summary>How a family takes the image shape.</summary>
internal enum SizeRule
{
    /// <summary>Explicit <c>width</c>/<c>height</c> from a fixed list (the SDXL buckets).</summary>
    ExactSizes,

    /// <summary>An <c>aspect_ratio</c> from a fixed enum; Fireworks picks about one megapixel.</summary>
    AspectRatioEnum,

    /// <summary>A free <c>W:H</c> <c>aspect_ratio</c> between 21:9 and 9:21.</summary>
    FreeAspectRatio,
}
