using ImageAdapter.Catalogue;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Catalogue;

/// <summary>
/// One <c>Models__Prices__{name}</c> applied to a model's own price: per image alone, or per step with what it leaves
/// out taken from the model's per-step price, and a start-up failure naming the setting otherwise.
/// </summary>
public sealed class PriceSettingTests
{
    private const string Setting = "Models__Prices__house";

    private static readonly ModelPrice PerStep = ModelPrice.PerStep(0.0005m, 28);

    private static readonly ModelPrice PerImage = ModelPrice.PerImage(0.04m);

    public static TheoryData<PriceSetting, ModelPrice?, ModelPrice> Applied => new()
    {
        { new() { UsdPerImage = 0.05m }, PerStep, ModelPrice.PerImage(0.05m) },
        { new() { UsdPerStep = 0.0004m }, PerStep, ModelPrice.PerStep(0.0004m, 28) },
        { new() { DefaultSteps = 20 }, PerStep, ModelPrice.PerStep(0.0005m, 20) },
        { new() { UsdPerStep = 0.001m, DefaultSteps = 10 }, PerImage, ModelPrice.PerStep(0.001m, 10) },
        { new() { UsdPerStep = 0.001m, DefaultSteps = 10 }, null, ModelPrice.PerStep(0.001m, 10) },
    };

    [Theory]
    [MemberData(nameof(Applied))]
    public void ApplyTo_CompleteSetting_IsTheModelsPrice(PriceSetting setting, ModelPrice? current, ModelPrice expected) =>
        Assert.Equal(expected, setting.ApplyTo(current, Setting));

    public static TheoryData<PriceSetting, ModelPrice?, string> Refused => new()
    {
        { new() { UsdPerImage = 0.05m, UsdPerStep = 0.001m }, PerImage, $"{Setting}: give UsdPerImage, or UsdPerStep and DefaultSteps, not both." },
        { new() { UsdPerImage = 0.05m, DefaultSteps = 20 }, PerImage, $"{Setting}: give UsdPerImage, or UsdPerStep and DefaultSteps, not both." },
        { new(), PerStep, $"{Setting}: set UsdPerStep and DefaultSteps, or UsdPerImage." },
        // A per-image price has no steps to keep: its DefaultSteps of 0 must not be taken as the model's.
        { new() { UsdPerStep = 0.001m }, PerImage, $"{Setting}__DefaultSteps is needed: the model has no per-step price to take it from." },
        { new() { DefaultSteps = 20 }, PerImage, $"{Setting}__UsdPerStep is needed: the model has no per-step price to take it from." },
        { new() { UsdPerStep = 0.001m }, null, $"{Setting}__DefaultSteps is needed: the model has no per-step price to take it from." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void ApplyTo_IncompleteOrMixedSetting_FailsNamingTheSetting(PriceSetting setting, ModelPrice? current, string message)
    {
        var exception = Assert.Throws<OptionsValidationException>(() => setting.ApplyTo(current, Setting));

        Assert.Equal(message, Assert.Single(exception.Failures));
    }
}
