using ImageAdapter.Catalogue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Usage;

/// <summary>
/// With <c>Usage__Mode=cost</c>, says once at start-up which catalogue rows have no price: their usage counts pixels,
/// so a dollar budget at the gateway does not track them.
/// </summary>
internal sealed partial class UnpricedModelsWarning(ModelCatalogue catalogue, IOptions<UsageOptions> usage, ILogger<UnpricedModelsWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var unpriced = catalogue.Entries.Where(entry => entry.Price is null).Select(entry => entry.Id).ToArray();
        if (usage.Value.Mode == UsageMode.Cost && unpriced.Length > 0)
        {
            LogUnpriced(logger, string.Join(", ", unpriced));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage__Mode is cost, but these models have no price: {Models}. Their output tokens count pixels, not micro-dollars, "
        + "until Models__Prices__<name>__UsdPerStep and __DefaultSteps, or __UsdPerImage, are set.")]
    private static partial void LogUnpriced(ILogger logger, string models);
}
