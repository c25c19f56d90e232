using ImageAdapter.Errors;
using ImageAdapter.Resilience;
using ImageAdapter.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Health;

/// <summary>
/// <c>/readyz</c>: ready when the adapter can get its Fireworks key and its inbound keys from their source. Both
/// sources cache, so a probe costs nothing while the cache is warm; the answer never says which part failed or why.
/// </summary>
internal sealed partial class ReadinessProbe(
    IFireworksKeySource fireworksKeys,
    IInboundKeySource inboundKeys,
    IOptions<AdapterOptions> options,
    ILogger<ReadinessProbe> logger)
{
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ReadinessTimeout);
        try
        {
            await fireworksKeys.GetKeyAsync(timeout.Token);
            var keys = await inboundKeys.GetKeysAsync(timeout.Token);
            if (keys.Count == 0)
            {
                LogNotReady(logger, "no inbound keys: set Auth__ApiKeys, or the Key Vault secret KeyVault__AdapterApiKeysSecret names");
                return false;
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            LogNotReady(logger, $"the key sources did not answer within {options.Value.ReadinessTimeout.TotalSeconds:0.#} s (Adapter__ReadinessTimeout)");
            return false;
        }
        catch (AdapterException exception) when (exception.Kind == AdapterErrorKind.AdapterNotConfigured)
        {
            // These messages name no vault or secret; the Key Vault source logs its own Warning with the cause.
            LogNotReady(logger, $"{exception.Message} Set Fireworks__ApiKey and Auth__ApiKeys, or KeyVault__Uri for Key Vault (its Warning above gives the cause)");
            return false;
        }
        catch (Exception exception)
        {
            // The type only: exception messages of secret sources may name vaults or secrets.
            LogNotReady(logger, exception.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: {Reason}")]
    private static partial void LogNotReady(ILogger logger, string reason);
}
