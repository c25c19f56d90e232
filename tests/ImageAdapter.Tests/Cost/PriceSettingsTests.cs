using ImageAdapter.Catalogue;
using ImageAdapter.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ImageAdapter.Tests.Cost;

/// <summary>
/// A bad <c>Models__Prices__*</c> or <c>Usage__Mode</c> stops the adapter at start-up with one message naming the
/// setting: the rules one by one on the validator, and the real server process for a few of them.
/// </summary>
public sealed class PriceSettingsTests
{
    public static TheoryData<string, PriceSetting, string> BadPrices => new()
    {
        { "flux-1-dev-fp8", new() { UsdPerStep = -0.0005m }, "Models__Prices__flux-1-dev-fp8__UsdPerStep is -0.0005:" },
        { "flux-1-dev-fp8", new() { UsdPerStep = 2m }, "Models__Prices__flux-1-dev-fp8__UsdPerStep is 2:" },
        { "flux-1-dev-fp8", new() { DefaultSteps = 0 }, "Models__Prices__flux-1-dev-fp8__DefaultSteps is 0:" },
        { "flux-1-dev-fp8", new() { DefaultSteps = 151 }, "Models__Prices__flux-1-dev-fp8__DefaultSteps is 151:" },
        { "flux-kontext-max", new() { UsdPerImage = 11m }, "Models__Prices__flux-kontext-max__UsdPerImage is 11:" },
        { "flux-kontext-max", new() { UsdPerImage = 0.08m, UsdPerStep = 0.001m }, "Models__Prices__flux-kontext-max: give UsdPerImage, or UsdPerStep and DefaultSteps, not both." },
        { "flux-kontext-max", new() { UsdPerStep = 0.001m }, "Models__Prices__flux-kontext-max__DefaultSteps is needed" },
        { "my-flux", new() { DefaultSteps = 20 }, "Models__Prices__my-flux__UsdPerStep is needed" },
        { "my-flux", new(), "Models__Prices__my-flux: set UsdPerStep and DefaultSteps, or UsdPerImage." },
        { "nope", new() { UsdPerImage = 0.04m }, "Models__Prices__nope names no model in the catalogue." },
    };

    [Theory]
    [MemberData(nameof(BadPrices))]
    public void Validate_BadPrice_OneMessageNamingTheSetting(string name, PriceSetting price, string message)
    {
        var options = Models();
        options.Prices[name] = price;

        var result = Validator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith(message, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UsdPerStep", "cheap", "Models__Prices__flux-1-dev-fp8__UsdPerStep is 'cheap', not a number of its kind.")]
    [InlineData("DefaultSteps", "2.5", "Models__Prices__flux-1-dev-fp8__DefaultSteps is '2.5', not a number of its kind.")]
    [InlineData("UsdPerSteps", "0.0004", "Models__Prices__flux-1-dev-fp8__UsdPerSteps is not a price setting: use UsdPerStep, DefaultSteps or UsdPerImage.")]
    public void Validate_PriceTheBinderWouldDrop_NamedInstead(string field, string value, string message)
    {
        // Regression: the binder drops a dictionary element it cannot convert and skips an unknown field, so the
        // built-in price stayed without a word.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Models:Prices:flux-1-dev-fp8:{field}"] = value,
        }).Build();
        var options = configuration.GetSection(ModelsOptions.Section).Get<ModelsOptions>() ?? new();

        var result = new ModelsOptionsValidator(configuration).Validate(null, options);

        Assert.Equal(message, Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_PriceFieldInAnotherCase_Read()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Models:Prices:flux-1-dev-fp8:usdperstep"] = "0.0004",
        }).Build();
        var options = configuration.GetSection(ModelsOptions.Section).Get<ModelsOptions>()!;

        Assert.True(new ModelsOptionsValidator(configuration).Validate(null, options).Succeeded);
        Assert.Equal(0.0004m, options.Prices["flux-1-dev-fp8"].UsdPerStep);
    }

    [Fact]
    public void Validate_OneRowPricedUnderTwoNames_Refused()
    {
        var options = Models();
        options.Prices["flux-1-schnell-fp8"] = new() { UsdPerStep = 0.0003m };
        options.Prices["fast"] = new() { UsdPerStep = 0.0004m };

        var result = Validator().Validate(null, options);

        Assert.Contains("accounts/fireworks/models/flux-1-schnell-fp8 is already priced under another name", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GoodPrices_Succeed()
    {
        var options = Models();
        options.Prices["fast"] = new() { UsdPerStep = 0.0003m };
        options.Prices["my-flux"] = new() { UsdPerStep = 0.0003m, DefaultSteps = 20 };
        options.Prices["flux-kontext-pro"] = new() { UsdPerImage = 0m };

        Assert.True(Validator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Models__Prices__flux-1-dev-fp8__UsdPerStep", "-0.1", "Models__Prices__flux-1-dev-fp8__UsdPerStep")]
    [InlineData("Models__Prices__flux-1-dev-fp8__UsdPerStep", "cheap", "Models__Prices__flux-1-dev-fp8__UsdPerStep is 'cheap'")]
    [InlineData("Models__Prices__nope__UsdPerImage", "0.04", "Models__Prices__nope")]
    [InlineData("Usage__Mode", "dollars", "Usage:Mode")]
    public async Task Server_BadSetting_ExitsNamingIt(string name, string value, string named)
    {
        var outcome = await ServerStartup.RunAsync(new Dictionary<string, string>
        {
            ["Fireworks__ApiKey"] = "fw-key",
            ["Auth__ApiKeys"] = "adapter-key",
            [name] = value,
        });

        Assert.True(outcome.ExitCode is not null and not 0, $"The server started (or exited 0) with {name}={value}:\n{outcome.Output}");
        Assert.Contains(named, outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_CostModeWithPrices_Starts()
    {
        var outcome = await ServerStartup.RunAsync(new Dictionary<string, string>
        {
            ["Fireworks__ApiKey"] = "fw-key",
            ["Auth__ApiKeys"] = "adapter-key",
            ["Usage__Mode"] = "cost",
            ["Models__Prices__flux-1-dev-fp8__UsdPerStep"] = "0.0004",
            ["Models__Prices__flux-kontext-max__UsdPerImage"] = "0.075",
        });

        Assert.True(outcome.ExitCode is null, outcome.Output);
    }

    private static ModelsOptionsValidator Validator() => new();

    private static ModelsOptions Models() => new()
    {
        Aliases = { ["fast"] = "flux-1-schnell-fp8" },
        Additional = { new AdditionalModel { Id = "accounts/acme/models/my-flux", Family = ApiFamily.FluxWorkflow } },
    };
}
