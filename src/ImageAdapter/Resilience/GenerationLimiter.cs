using System.Threading.RateLimiting;
using ImageAdapter.Errors;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Resilience;

/// <summary>
/// Backpressure: at most <see cref="AdapterOptions.MaxConcurrentGenerations"/> generation requests run at once on this
/// instance, <see cref="AdapterOptions.QueueLength"/> more wait up to <see cref="AdapterOptions.QueueTimeout"/>, and the
/// rest are answered 429 at once. Counting requests (not fan-out calls) keeps a request from starving half-admitted;
/// Fireworks sees at most MaxConcurrentGenerations × <c>Fireworks__MaxParallelCalls</c> calls from one instance.
/// </summary>
internal sealed class GenerationLimiter : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly AdapterOptions _options;

    public GenerationLimiter(IOptions<AdapterOptions> options)
    {
        _options = options.Value;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _options.MaxConcurrentGenerations,
            QueueLimit = _options.QueueLength,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public long QueuedCount => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    public long AvailablePermits => _limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;

    public async ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(_options.QueueTimeout);
        RateLimitLease lease;
        try
        {
            lease = _options.QueueTimeout > TimeSpan.Zero
                ? await _limiter.AcquireAsync(1, wait.Token)
                : _limiter.AttemptAcquire(1);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Busy();
        }

        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw Busy();
        }

        return lease;
    }

    public void Dispose() => _limiter.Dispose();

    private AdapterException Busy() => new(AdapterErrorKind.TooManyRequests,
        "The adapter is busy with other image generations. Retry after the time in Retry-After.")
    {
        RetryAfter = _options.QueueTimeout > TimeSpan.FromSeconds(1) ? _options.QueueTimeout : TimeSpan.FromSeconds(1),
    };
}
