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
        { "flux-1-dev-fp8", new() { UsdPerStep = -0.0005m }, "Models__Prices__flux-1-dev-fp8__UsdPerStep:" },
        { "flux-1-dev-fp8", new() { UsdPerStep = 2m }, "Models__Prices__flux-1-dev-fp8__UsdPerStep:" },
        { "flux-1-dev-fp8", new() { DefaultSteps = 0 }, "Models__Prices__flux-1-dev-fp8__DefaultSteps:" },
        { "flux-1-dev-fp8", new() { DefaultSteps = 151 }, "Models__Prices__flux-1-dev-fp8__DefaultSteps:" },
        { "flux-kontext-max", new() { UsdPerImage = 11m }, "Models__Prices__flux-kontext-max__UsdPerImage:" },
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

    [Fact]
    public void Validate_PriceThatIsNotANumber_NamedInsteadOfDropped()
    {
        // Regression: the configuration binder drops a dictionary element it cannot convert, and the built-in price stayed.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Models:Prices:flux-1-dev-fp8:UsdPerStep"] = "cheap",
        }).Build();
        var options = configuration.GetSection(ModelsOptions.Section).Get<ModelsOptions>()!;

        var result = new ModelsOptionsValidator(configuration).Validate(null, options);

        Assert.Empty(options.Prices);
        Assert.Contains("'Models:Prices:flux-1-dev-fp8:UsdPerStep'", Assert.Single(result.Failures!), StringComparison.Ordinal);
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
    [InlineData("Models__Prices__flux-1-dev-fp8__UsdPerStep", "cheap", "Models:Prices:flux-1-dev-fp8:UsdPerStep")]
    [InlineData("Models__Prices__nope__UsdPerImage", "0.04", "Models__Prices__nope")]
    [InlineData("Models__Additional__0__Family", "Flux", "Models:Additional:0:Family")] // no longer dropped without a word
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

    private static ModelsOptionsValidator Validator() => new(new ConfigurationBuilder().Build());

    private static ModelsOptions Models() => new()
    {
        Aliases = { ["fast"] = "flux-1-schnell-fp8" },
        Additional = { new AdditionalModel { Id = "accounts/acme/models/my-flux", Family = ApiFamily.FluxWorkflow } },
    };
}
