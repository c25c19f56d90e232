using CommunityToolkit.HighPerformance.Buffers;
using ImageAdapter.Errors;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Resilience;

/// <summary>
/// Counts the image bytes the requests on this instance hold, as they arrive from Fireworks, against
/// <see cref="AdapterOptions.MaxImageBytesInFlight"/>. Each request opens one <see cref="Reservation"/> (it flows with
/// the async call chain, like <see cref="RequestBudget"/>). The reservation also owns the request's pooled image
/// buffers: they go back to their pool, and the bytes are given back, once the answer holding them has been written.
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
    /// The bytes written to <paramref name="buffer"/>, valid until the current request's answer is written: the
    /// reservation returns the buffer to its pool then. Outside a request (no reservation) they are copied out and the
    /// buffer is returned at once.
    /// </summary>
    public static ReadOnlyMemory<byte> Keep(ArrayPoolBufferWriter<byte> buffer)
    {
        if (Current.Value is { } reservation)
        {
            reservation.Own(buffer);
            return buffer.WrittenMemory;
        }

        return CopyOut(buffer);
    }

    /// <summary>The bytes written to <paramref name="buffer"/>, copied into an array of their own; the buffer goes back to its pool at once.</summary>
    public static byte[] CopyOut(ArrayPoolBufferWriter<byte> buffer)
    {
        using (buffer)
        {
            return buffer.WrittenSpan.ToArray();
        }
    }

    /// <summary>
    /// Gives a kept buffer back early, with the bytes it was charged, once nothing reads it any more: an SDXL JSON
    /// answer once its images are decoded. Anything not kept by the current request is left alone.
    /// </summary>
    public static void Release(ReadOnlyMemory<byte> bytes) => Current.Value?.Release(bytes);

    internal sealed class Reservation(ImageMemoryBudget budget) : IDisposable
    {
        private readonly List<ArrayPoolBufferWriter<byte>> _buffers = [];
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

        public void Own(ArrayPoolBufferWriter<byte> buffer)
        {
            lock (_buffers)
            {
                _buffers.Add(buffer);
            }
        }

        public void Release(ReadOnlyMemory<byte> bytes)
        {
            ArrayPoolBufferWriter<byte> kept;
            lock (_buffers)
            {
                var index = _buffers.FindIndex(buffer => buffer.WrittenMemory.Equals(bytes));
                if (index < 0)
                {
                    return;
                }

                kept = _buffers[index];
                _buffers.RemoveAt(index);
            }

            var length = kept.WrittenCount;
            kept.Dispose();
            Interlocked.Add(ref budget._held, -length);
            Interlocked.Add(ref _bytes, -length);
        }

        public void Dispose()
        {
            lock (_buffers)
            {
                _buffers.ForEach(buffer => buffer.Dispose());
                _buffers.Clear();
            }

            Interlocked.Add(ref budget._held, -Interlocked.Exchange(ref _bytes, 0));
        }
    }
}
