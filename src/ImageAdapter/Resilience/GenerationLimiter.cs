using System.Threading.RateLimiting;
using ImageAdapter.Errors;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Resilience;

/// <summary>
/// Backpressure by images, which is what a request's memory follows: at most <see cref="AdapterOptions.MaxConcurrentImages"/>
/// images are in flight at once on this instance (made, then held until the answer carrying them is written), a
/// request taking one permit per image it asks for (its <c>n</c>);
/// requests for <see cref="AdapterOptions.QueuedImages"/> more wait, oldest first, up to
/// <see cref="AdapterOptions.QueueTimeout"/>, and the rest are answered 429 at once. A request takes all its permits
/// at once, so it never starts half-admitted.
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
            PermitLimit = _options.MaxConcurrentImages,
            QueueLimit = _options.QueuedImages,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public long QueuedCount => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    public long AvailablePermits => _limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;

    /// <summary>The permits for a request of <paramref name="images"/> images, waiting in the queue if need be; 429 when it cannot.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(int images, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(_options.QueueTimeout);
        RateLimitLease lease;
        try
        {
            lease = _options.QueueTimeout > TimeSpan.Zero
                ? await _limiter.AcquireAsync(images, wait.Token)
                : _limiter.AttemptAcquire(images);
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
