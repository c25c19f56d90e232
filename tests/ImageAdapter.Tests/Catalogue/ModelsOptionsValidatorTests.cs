using ImageAdapter.Catalogue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Catalogue;

/// <summary>
/// The start-up check of <c>Models__*</c> as the host runs it: the settings as configured, bound the way the host binds
/// them, and every failure named with its setting. The price rules one by one are in <see cref="PriceSettingTests"/>.
/// </summary>
public sealed class ModelsOptionsValidatorTests
{
    [Fact]
    public void Validate_GoodRowsAliasesAndPrices_Succeed()
    {
        var result = Validate(new()
        {
            ["Models:Additional:0:Id"] = "accounts/acme/models/house-flux",
            ["Models:Additional:0:Family"] = "fluxworkflow", // enum names ignore case, as the binder reads them
            ["Models:Aliases:house"] = "house-flux",
            ["Models:Default"] = "house",
            ["Models:Prices:house:UsdPerStep"] = "0.0004",
            ["Models:Prices:house:DefaultSteps"] = "20",
            ["Models:Prices:flux-kontext-pro:UsdPerImage"] = "0.05",
        });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_WithoutConfiguration_ChecksTheBoundOptionsOnly()
    {
        var options = new ModelsOptions { Additional = { new AdditionalModel { Id = "accounts/acme/models/house-flux", Family = ApiFamily.FluxWorkflow } } };

        Assert.True(new ModelsOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Flux")]
    [InlineData("7")] // the binder takes any number as an enum value
    public void Validate_FamilyTheBinderWouldDrop_NamedWithTheFamilies(string family)
    {
        var result = Validate(new()
        {
            ["Models:Additional:0:Id"] = "accounts/acme/models/house-flux",
            ["Models:Additional:0:Family"] = family,
        });

        Assert.Equal(
            $"Models__Additional__0__Family is '{family}': use one of ImageGeneration, FluxWorkflow, KontextWorkflow.",
            Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_EmptyFamily_IsAMissingFamily()
    {
        var result = Validate(new()
        {
            ["Models:Additional:0:Id"] = "accounts/acme/models/house-flux",
            ["Models:Additional:0:Family"] = "",
        });

        Assert.Equal("Models__Additional__0__Family is : The Family field is required.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_RowWithoutId_IsAMissingId()
    {
        var result = Validate(new() { ["Models:Additional:0:Family"] = "FluxWorkflow" });

        Assert.Equal("Models__Additional__0__Id is : The Id field is required.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_SecondRowWithAShortName_NamesThatRowAndItsId()
    {
        var result = Validate(new()
        {
            ["Models:Additional:0:Id"] = "accounts/acme/models/house-flux",
            ["Models:Additional:0:Family"] = "FluxWorkflow",
            ["Models:Additional:1:Id"] = "house-sdxl",
            ["Models:Additional:1:Family"] = "ImageGeneration",
        });

        Assert.Equal("Models__Additional__1__Id is house-sdxl: Id must look like accounts/<account>/models/<name>.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_PriceOutOfRange_NamedWithItsValueAndRange()
    {
        var result = Validate(new() { ["Models:Prices:flux-1-dev-fp8:UsdPerStep"] = "2" });

        Assert.Equal("Models__Prices__flux-1-dev-fp8__UsdPerStep is 2: The field UsdPerStep must be between 0 and 1.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_UnreadableFamilyAndPrice_BothNamed()
    {
        var result = Validate(new()
        {
            ["Models:Additional:0:Id"] = "accounts/acme/models/house-flux",
            ["Models:Additional:0:Family"] = "Flux",
            ["Models:Prices:flux-1-dev-fp8:UsdPerStep"] = "cheap",
            ["Models:Prices:flux-1-dev-fp8:Steps"] = "20",
        });

        Assert.Equal(
            [
                "Models__Additional__0__Family is 'Flux': use one of ImageGeneration, FluxWorkflow, KontextWorkflow.",
                "Models__Prices__flux-1-dev-fp8__Steps is not a price setting: use UsdPerStep, DefaultSteps or UsdPerImage.",
                "Models__Prices__flux-1-dev-fp8__UsdPerStep is 'cheap', not a number of its kind.",
            ],
            result.Failures!);
    }

    [Fact]
    public void Validate_ValueOnAPriceOrRowItself_NamedInsteadOfDropped()
    {
        // Regression: the binder has no field to put Models__Prices__x=0.04 in and dropped it without a word, so the
        // built-in price stayed; an extra row given as one value went the same way.
        var result = Validate(new()
        {
            ["Models:Prices:flux-1-dev-fp8"] = "0.04",
            ["Models:Additional:0"] = "accounts/acme/models/house-flux",
        });

        Assert.Equal(
            [
                "Models__Additional__0 is 'accounts/acme/models/house-flux', but an extra row is set by its fields: Models__Additional__0__Id and __Family.",
                "Models__Prices__flux-1-dev-fp8 is '0.04', but a price is set by its fields: Models__Prices__flux-1-dev-fp8__UsdPerStep and __DefaultSteps, or __UsdPerImage.",
            ],
            result.Failures!);
    }

    [Fact]
    public void Validate_AliasToNoModel_IsTheCatalogueFailure()
    {
        var result = Validate(new() { ["Models:Aliases:fast"] = "flux-1-schnel" });

        Assert.Equal("Models:Aliases:fast points to 'flux-1-schnel', which is not in the model catalogue.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_PriceOfNoModel_NamesThePrice()
    {
        var result = Validate(new() { ["Models:Prices:flux-2:UsdPerImage"] = "0.04" });

        Assert.Equal("Models__Prices__flux-2 names no model in the catalogue.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_OneRowPricedUnderTwoNames_NamesTheSecondPriceAndTheRow()
    {
        var result = Validate(new()
        {
            ["Models:Aliases:fast"] = "flux-1-schnell-fp8",
            ["Models:Prices:flux-1-schnell-fp8:UsdPerStep"] = "0.0003",
            ["Models:Prices:fast:UsdPerStep"] = "0.0004",
        });

        Assert.Equal(
            "Models__Prices__flux-1-schnell-fp8: accounts/fireworks/models/flux-1-schnell-fp8 is already priced under another name.",
            Assert.Single(result.Failures!));
    }

    private static ValidateOptionsResult Validate(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = configuration.GetSection(ModelsOptions.Section).Get<ModelsOptions>() ?? new();
        return new ModelsOptionsValidator(configuration).Validate(null, options);
    }
}
