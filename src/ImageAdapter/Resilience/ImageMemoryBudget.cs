using CommunityToolkit.HighPerformance.Buffers;
using ImageAdapter.Errors;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Resilience;

/// <summary>
/// Counts the image bytes the requests on this instance hold, as they arrive from Fireworks, against
/// <see cref="AdapterOptions.MaxImageBytesInFlight"/>. Each request opens one <see cref="Reservation"/> (it flows with
/// the async call chain, like <see cref="RequestBudget"/>). The reservation also owns the request's pooled image
/// buffers and its generation permits: the buffers go back to their pool, and the bytes and permits are given back,
/// once the answer holding them has been written.
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

    /// <summary>
    /// The bytes written to <paramref name="buffer"/>, the caller's to read and change until the current request's
    /// answer is written: the reservation returns the buffer to its pool then. Outside a request (no reservation) they
    /// are copied out and the buffer is returned at once.
    /// </summary>
    public static Memory<byte> Keep(ArrayPoolBufferWriter<byte> buffer)
    {
        if (Current.Value is { } reservation)
        {
            reservation.Own(buffer);
            return buffer.DangerousGetArray();
        }

        return CopyOut(buffer);
    }

    /// <summary>
    /// Hands <paramref name="resource"/> to the current request, which disposes it with its buffers once its answer is
    /// written; false outside a request, where the caller keeps it.
    /// </summary>
    public static bool TryHoldUntilAnswered(IDisposable resource)
    {
        if (Current.Value is not { } reservation)
        {
            return false;
        }

        reservation.Own(resource);
        return true;
    }

    /// <summary>The bytes written to <paramref name="buffer"/>, copied into an array of their own; the buffer goes back to its pool at once.</summary>
    public static byte[] CopyOut(ArrayPoolBufferWriter<byte> buffer)
    {
        using (buffer)
        {
            return buffer.WrittenSpan.ToArray();
        }
    }

    internal sealed class Reservation(ImageMemoryBudget budget) : IDisposable
    {
        private readonly List<IDisposable> _held = [];
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

        public void Own(IDisposable resource)
        {
            lock (_held)
            {
                _held.Add(resource);
            }
        }

        public void Dispose()
        {
            lock (_held)
            {
                _held.ForEach(resource => resource.Dispose());
                _held.Clear();
            }

            Interlocked.Add(ref budget._held, -Interlocked.Exchange(ref _bytes, 0));
        }
    }
}
