using ImageAdapter.Catalogue;
using ImageAdapter.Tests.Support;
using ImageAdapter.Usage;
using ImageAdapter.Validation;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Cost;

/// <summary>
/// The price of every catalogue row and the usage it reports in both <c>Usage__Mode</c>s, with the numbers written out
/// (Fireworks' published prices, README "Model catalogue"), so a changed price or rule fails here.
/// </summary>
public sealed class CostTableTests
{
    private static readonly ImageSize Megapixel = new(1024, 1024);

    /// <summary>One image at the model's default steps: USD, and the micro-dollars <c>cost</c> mode reports.</summary>
    public static TheoryData<string, decimal, int> BuiltInRows => new()
    {
        { "stable-diffusion-xl-1024-v1-0", 0.0065m, 6500 }, // 50 steps × $0.00013
        { "playground-v2-1024px-aesthetic", 0.0065m, 6500 },
        { "playground-v2-5-1024px-aesthetic", 0.0065m, 6500 },
        { "SSD-1B", 0.0065m, 6500 },
        { "japanese-stable-diffusion-xl", 0.0065m, 6500 },
        { "flux-1-schnell-fp8", 0.0014m, 1400 }, // 4 steps × $0.00035
        { "flux-1-dev-fp8", 0.014m, 14000 }, // 28 steps × $0.0005
        { "flux-kontext-pro", 0.04m, 40000 }, // per image
        { "flux-kontext-max", 0.08m, 80000 },
    };

    [Fact]
    public void BuiltInRows_CoverEveryCatalogueRow() =>
        Assert.Equal(BuiltInModels.All.Select(model => model.ShortName).Order(), BuiltInRows.Select(row => row.Data.Item1).Order());

    [Theory]
    [MemberData(nameof(BuiltInRows))]
    public void BuiltInRow_DefaultSteps_CostAndUsageInBothModes(string model, decimal costUsd, int microDollars)
    {
        var request = TestRequests.Validate($$"""{"model":"{{model}}","prompt":"abcdefgh"}""");

        var cost = UsageCalculator.CostUsd(request, 1);
        var pixels = Calculator(UsageMode.Pixels).Calculate(request, [Megapixel], cost);
        var dollars = Calculator(UsageMode.Cost).Calculate(request, [Megapixel], cost);

        Assert.Equal(costUsd, cost);
        Assert.Equal((2, 1024, 1026), (pixels.InputTokens, pixels.OutputTokens, pixels.TotalTokens));
        Assert.Equal((2, microDollars, microDollars + 2), (dollars.InputTokens, dollars.OutputTokens, dollars.TotalTokens));
    }

    [Theory]
    [InlineData("""{"model":"SSD-1B","prompt":"a","n":3,"steps":10}""", 0.0039, 3900)] // 3 × 10 × $0.00013
    [InlineData("""{"model":"flux-1-schnell-fp8","prompt":"a","n":3,"num_inference_steps":10}""", 0.0105, 10500)]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"a","n":2,"steps":1}""", 0.001, 1000)]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"a","steps":150}""", 0.075, 75000)]
    [InlineData("""{"model":"flux-kontext-max","prompt":"a","n":10}""", 0.8, 800000)] // per image: every image of n counts
    [InlineData("""{"model":"flux-kontext-pro","prompt":"a","n":3}""", 0.12, 120000)]
    public void ClientStepsAndN_EveryImageCountsTheStepsSent(string body, double costUsd, int microDollars)
    {
        var request = TestRequests.Validate(body);

        var cost = UsageCalculator.CostUsd(request, request.N);

        Assert.Equal((decimal)costUsd, cost);
        Assert.Equal(microDollars, Calculator(UsageMode.Cost).Calculate(request, Enumerable.Repeat(Megapixel, request.N), cost).OutputTokens);
    }

    [Theory]
    [InlineData("flux-1-dev-fp8", "flux-1-dev-fp8", null, null, null, 0.014)] // no override
    [InlineData("flux-1-dev-fp8", "flux-1-dev-fp8", 0.0004, null, null, 0.0112)] // keeps 28 default steps
    [InlineData("flux-1-dev-fp8", "accounts/fireworks/models/flux-1-dev-fp8", null, 20, null, 0.01)] // keeps $0.0005
    [InlineData("SSD-1B", "SSD-1B", null, null, 0.002, 0.002)] // per image now
    [InlineData("flux-kontext-pro", "flux-kontext-pro", 0.001, 25, null, 0.025)] // per step now
    [InlineData("fast", "fast", null, null, 0.003, 0.003)] // by alias
    [InlineData("my-flux", "accounts/acme/models/my-flux", 0.0003, 20, null, 0.006)] // an extra row, priced
    public void PriceFromSettings_ReplacesTheRowsPrice(string priced, string requested, double? usdPerStep, int? defaultSteps, double? usdPerImage, double costUsd)
    {
        var models = Models();
        if (usdPerStep is not null || defaultSteps is not null || usdPerImage is not null)
        {
            models.Prices[priced] = new PriceSetting { UsdPerStep = (decimal?)usdPerStep, DefaultSteps = defaultSteps, UsdPerImage = (decimal?)usdPerImage };
        }

        var request = TestRequests.Validator(models).Validate(TestRequests.Parse($$"""{"model":"{{requested}}","prompt":"a"}"""));

        Assert.Equal((decimal)costUsd, UsageCalculator.CostUsd(request, 1));
        Assert.Equal((int)Math.Round(costUsd * 1_000_000), Calculator(UsageMode.Cost).Calculate(request, [Megapixel], UsageCalculator.CostUsd(request, 1)).OutputTokens);
    }

    [Fact]
    public void UnpricedExtraRow_CostUnknown_CostModeCountsPixels()
    {
        var request = TestRequests.Validator(Models()).Validate(TestRequests.Parse("""{"model":"accounts/acme/models/my-flux","prompt":"abcd","n":2}"""));

        var cost = UsageCalculator.CostUsd(request, 2);
        var usage = Calculator(UsageMode.Cost).Calculate(request, [Megapixel, new ImageSize(1360, 768)], cost);

        Assert.Null(cost);
        Assert.Equal((1, 1024 + 1020, 1 + 2044), (usage.InputTokens, usage.OutputTokens, usage.TotalTokens));
    }

    [Fact]
    public void CostMode_FractionOfAMicroDollar_RoundsUp()
    {
        var models = Models();
        models.Prices["flux-1-schnell-fp8"] = new PriceSetting { UsdPerStep = 0.0000001m }; // 0.1 µ$ a step
        var request = TestRequests.Validator(models).Validate(TestRequests.Parse("""{"model":"flux-1-schnell-fp8","prompt":"a"}"""));

        var cost = UsageCalculator.CostUsd(request, 1);

        Assert.Equal(0.0000004m, cost);
        Assert.Equal(1, Calculator(UsageMode.Cost).Calculate(request, [Megapixel], cost).OutputTokens);
    }

    [Fact]
    public void CostMode_Edit_InputTokensStillCountTextAndInputImage()
    {
        var request = TestRequests.Validate("""{"model":"flux-kontext-pro","prompt":"abcdefgh"}""") with
        {
            InputImage = InputImage.FromBytes(new byte[1]) with { Size = new ImageSize(1000, 1001) },
        };

        var usage = Calculator(UsageMode.Cost).Calculate(request, [Megapixel], UsageCalculator.CostUsd(request, 1));

        // 8 characters / 4 = 2 text tokens; 1,001,000 pixels / 1024 → 978 image tokens; $0.04 = 40,000 µ$.
        Assert.Equal((980, 2, 978, 40000, 40980),
            (usage.InputTokens, usage.InputTokensDetails.TextTokens, usage.InputTokensDetails.ImageTokens, usage.OutputTokens, usage.TotalTokens));
    }

    private static UsageCalculator Calculator(UsageMode mode) => new(Options.Create(new UsageOptions { Mode = mode }));

    private static ModelsOptions Models() => new()
    {
        Aliases = { ["fast"] = "flux-1-schnell-fp8" },
        Additional = { new AdditionalModel { Id = "accounts/acme/models/my-flux", Family = ApiFamily.FluxWorkflow } },
    };
}
