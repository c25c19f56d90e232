using System.ComponentModel.DataAnnotations;

namespace ImageAdapter.Catalogue;

/// <summary>
/// A negotiated or missing price, e.g. <c>Models__Prices__flux-1-dev-fp8__UsdPerStep</c>: per step (with the default
/// steps) or per image. A value left out keeps the model's own per-step value.
/// </summary>
public sealed class PriceSetting
{
    [Range(typeof(decimal), "0", "1", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal? UsdPerStep { get; set; }

    [Range(1, 150)]
    public int? DefaultSteps { get; set; }

    [Range(typeof(decimal), "0", "10", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal? UsdPerImage { get; set; }

    /// <summary>The price of a model whose own price is <paramref name="current"/>, with this setting applied.</summary>
    /// <param name="setting">The setting's name for messages, <c>Models__Prices__{name}</c>.</param>
    internal ModelPrice ApplyTo(ModelPrice? current, string setting)
    {
        if (UsdPerImage is { } perImage)
        {
            return UsdPerStep is null && DefaultSteps is null
                ? ModelPrice.PerImage(perImage)
                : throw ModelsOptions.Invalid($"{setting}: give UsdPerImage, or UsdPerStep and DefaultSteps, not both.");
        }

        if (UsdPerStep is null && DefaultSteps is null)
        {
            throw ModelsOptions.Invalid($"{setting}: set UsdPerStep and DefaultSteps, or UsdPerImage.");
        }

        var perStep = current?.Unit == PriceUnit.Step ? current : null;
        return ModelPrice.PerStep(
            UsdPerStep ?? perStep?.Usd ?? throw Missing(setting, nameof(UsdPerStep)),
            DefaultSteps ?? perStep?.DefaultSteps ?? throw Missing(setting, nameof(DefaultSteps)));
    }

    private static Exception Missing(string setting, string name) =>
        ModelsOptions.Invalid($"{setting}__{name} is needed: the model has no per-step price to take it from.");
}
