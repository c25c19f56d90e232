using ImageAdapter.Errors;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Resilience;

/// <summary>
/// Counts the image bytes the requests on this instance hold, as they arrive from Fireworks, against
/// <see cref="AdapterOptions.MaxImageBytesInFlight"/>. Each request opens one <see cref="Reservation"/> (it flows with
/// the async call chain, like <see cref="RequestBudget"/>) and gives its bytes back once its answer has been written.
/// </summary>
internal sealed class ImageMemoryBudget(IOptions<AdapterOptions> options)
{
    private static readonly AsyncLocal<Reservation?> Current = new();
    private readonly long _limit = options.Value.MaxImageBytesInFlight;
    private long _held;

    public long HeldBytes => Interlocked.Read(ref _held);

    /// <summary>Starts counting for the current request; dispose it when the answer is written.</summary>
    public Reservation Open()
    {
        var reservation = new Reservation(this);
        Current.Value = reservation;
        return reservation;
    }

    /// <summary>Counts <paramref name="bytes"/> more for the current request, or refuses them (429) beyond the limit.</summary>
    public static void Charge(int bytes) => Current.Value?.Add(bytes);

    internal sealed class Reservation(ImageMemoryBudget budget) : IDisposable
    {
        private long _bytes;

        public void Add(int bytes)
        {
            if (Interlocked.Add(ref budget._held, bytes) > budget._limit)
            {
                Interlocked.Add(ref budget._held, -bytes);
                throw new AdapterException(AdapterErrorKind.TooManyRequests,
                    "The adapter is holding as many image bytes as this instance allows. Retry after the time in Retry-After.")
                {
                    RetryAfter = TimeSpan.FromSeconds(1),
                };
            }

            Interlocked.Add(ref _bytes, bytes);
        }

        public void Dispose() => Interlocked.Add(ref budget._held, -Interlocked.Exchange(ref _bytes, 0));
    }
}
