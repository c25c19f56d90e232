using ImageAdapter.Http;
using ImageAdapter.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Health;

/// <summary>
/// Says at start-up, once, what a running adapter will get wrong because of its settings, and what to set: an operator
/// reads it in the start-up log instead of learning it from the first failed request.
/// </summary>
internal sealed partial class StartupWarnings(IConfiguration configuration, IOptions<AuthOptions> auth, ILogger<StartupWarnings> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (auth.Value.AllowAnonymous)
        {
            LogAnonymous(logger);
        }

        if (!KeyVaultOptions.IsConfigured(configuration))
        {
            if (!auth.Value.AllowAnonymous && InboundKeyList.Parse(configuration[LocalSecretsOptions.AdapterApiKeysKey]).Count == 0)
            {
                LogNoInboundKey(logger);
            }

            if (string.IsNullOrWhiteSpace(configuration[LocalSecretsOptions.FireworksApiKeyKey]))
            {
                LogNoFireworksKey(logger);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auth__AllowAnonymous is on: requests are served without an API key. For local development only.")]
    private static partial void LogAnonymous(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No inbound API key is configured: every request will be answered 401 until Auth__ApiKeys or KeyVault__Uri is set.")]
    private static partial void LogNoInboundKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Fireworks API key is configured: image requests will fail until Fireworks__ApiKey or KeyVault__Uri is set.")]
    private static partial void LogNoFireworksKey(ILogger logger);
}
