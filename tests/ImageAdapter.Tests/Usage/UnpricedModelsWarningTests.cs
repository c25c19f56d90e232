using ImageAdapter.Catalogue;
using ImageAdapter.Usage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Usage;

/// <summary>
/// The start-up warning of <c>Usage__Mode=cost</c> for catalogue rows without a price: once, naming exactly those rows,
/// and only in cost mode (in pixels mode no row needs a price).
/// </summary>
public sealed class UnpricedModelsWarningTests
{
    private static readonly ModelsOptions TwoUnpricedRows = new()
    {
        Additional =
        {
            new AdditionalModel { Id = "accounts/acme/models/house-flux", Family = ApiFamily.FluxWorkflow },
            new AdditionalModel { Id = "accounts/acme/models/house-sdxl", Family = ApiFamily.ImageGeneration },
            new AdditionalModel { Id = "accounts/acme/models/house-kontext", Family = ApiFamily.KontextWorkflow },
        },
        Prices = { ["house-kontext"] = new PriceSetting { UsdPerImage = 0.05m } },
    };

    [Fact]
    public async Task Start_CostModeWithUnpricedRows_WarnsOnceNamingThem()
    {
        var logger = await StartAsync(TwoUnpricedRows, UsageMode.Cost);

        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.StartsWith(
            "Usage__Mode is cost, but these models have no price: accounts/acme/models/house-flux, accounts/acme/models/house-sdxl. ",
            record.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PixelsModeWithUnpricedRows_SaysNothing() =>
        Assert.Empty((await StartAsync(TwoUnpricedRows, UsageMode.Pixels)).Collector.GetSnapshot());

    [Fact]
    public async Task Start_CostModeWithEveryRowPriced_SaysNothing() =>
        Assert.Empty((await StartAsync(new ModelsOptions(), UsageMode.Cost)).Collector.GetSnapshot());

    private static async Task<FakeLogger<UnpricedModelsWarning>> StartAsync(ModelsOptions models, UsageMode mode)
    {
        var logger = new FakeLogger<UnpricedModelsWarning>();
        var warning = new UnpricedModelsWarning(new ModelCatalogue(Options.Create(models)), Options.Create(new UsageOptions { Mode = mode }), logger);
        await warning.StartAsync(TestContext.Current.CancellationToken);
        return logger;
    }
}
