using ImageAdapter.Catalogue;
using static ImageAdapter.Validation.ImageRequestValidator;

namespace ImageAdapter.Validation;

/// <summary>Applies the family's <see cref="SizeRule"/> to <c>size</c> and the <c>aspect_ratio</c> extra.</summary>
internal static class ShapeValidator
{
    public static (ImageSize? Size, string? AspectRatio) Validate(string? sizeText, string? aspectRatio, ModelEntry model, FamilyCapabilities capabilities)
    {
        var size = ParseSize(sizeText);
        if (aspectRatio is not null)
        {
            if (!capabilities.Extras.Contains("aspect_ratio"))
            {
                throw Unsupported("aspect_ratio", $"'aspect_ratio' is not supported by model '{model.ShortName}'; use 'size'.");
            }

            if (size is not null)
            {
                throw Invalid("aspect_ratio", "Give either 'size' or 'aspect_ratio', not both.");
            }
        }

        return capabilities.SizeRule switch
        {
            SizeRule.ExactSizes => (ExactSize(size, model), null),
            SizeRule.AspectRatioEnum => (null, FluxRatio(size, aspectRatio)),
            SizeRule.FreeAspectRatio => (null, KontextRatio(size, aspectRatio)),
            _ => throw new InvalidOperationException($"No size rule for {capabilities.SizeRule}."),
        };
    }

    private static ImageSize? ParseSize(string? text) => text switch
    {
        null or "auto" => null,
        _ => SizeRules.ParseSize(text)
            ?? throw Invalid("size", $"Invalid value '{text}' for size: expected 'auto' or 'WIDTHxHEIGHT', e.g. '1024x1024'."),
    };

    private static ImageSize? ExactSize(ImageSize? size, ModelEntry model) =>
        size is null || SizeRules.IsSdxlSize(size)
            ? size
            : throw Invalid("size",
                $"Invalid value '{size}' for size. Model '{model.ShortName}' supports: {string.Join(", ", SizeRules.SdxlSizes)}, or 'auto'.");

    private static string? FluxRatio(ImageSize? size, string? aspectRatio)
    {
        if (aspectRatio is not null)
        {
            return SizeRules.FluxAspectRatios.Contains(aspectRatio)
                ? aspectRatio
                : throw Invalid("aspect_ratio", $"Invalid value '{aspectRatio}' for aspect_ratio. Supported values are: {string.Join(", ", SizeRules.FluxAspectRatios)}.");
        }

        return size is null
            ? null
            : SizeRules.NearestFluxRatio(size) ?? throw Invalid("size",
                $"Size '{size}' is not within {SizeRules.FluxRatioTolerance * 100:0}% of an aspect ratio FLUX supports ({string.Join(", ", SizeRules.FluxAspectRatios)}).");
    }

    private static string? KontextRatio(ImageSize? size, string? aspectRatio)
    {
        if (aspectRatio is not null)
        {
            return SizeRules.IsKontextRatio(aspectRatio)
                ? aspectRatio
                : throw Invalid("aspect_ratio", $"Invalid value '{aspectRatio}' for aspect_ratio: expected 'W:H' between 21:9 and 9:21.");
        }

        return size is null
            ? null
            : SizeRules.KontextRatio(size) ?? throw Invalid("size", $"Size '{size}' is outside the aspect ratios Kontext supports (21:9 to 9:21).");
    }
}
