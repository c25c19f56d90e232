using System.Buffers;
using System.Collections.Concurrent;

namespace ImageAdapter.Resilience;

/// <summary>
/// The pool behind <see cref="ImageBytes"/>. Arrays up to <see cref="PowerOfTwoLimit"/> come from a power-of-two pool;
/// larger ones are sized in whole MiB, so an SDXL n=4 answer (about 8.8 MB of JSON) holds a 9 MiB array, not the
/// 16 MiB a power-of-two pool gives it. A large array is handed to any request it is big enough for, the smallest
/// such first, and the pool keeps at most <see cref="MaxKeptLargeBytes"/> of them: it never keeps more than the
/// default <see cref="AdapterOptions.MaxImageBytesInFlight"/>, however the sizes of the answers vary.
/// </summary>
internal sealed class ImageArrayPool : ArrayPool<byte>
{
    /// <summary>The largest array the power-of-two part gives; anything larger is sized in whole MiB.</summary>
    public const int PowerOfTwoLimit = 4 * 1024 * 1024;

    private const int Step = 1024 * 1024;
    private const long MaxKeptLargeBytes = 256 * 1024 * 1024;

    private readonly ArrayPool<byte> _powersOfTwo;
    private readonly int _maxPooledBytes;

    // _large[i] holds arrays of PowerOfTwoLimit + (i + 1) MiB.
    private readonly ConcurrentQueue<byte[]>[] _large;
    private long _keptLargeBytes;

    /// <param name="maxPooledBytes">Larger arrays are allocated at their exact length and dropped when returned.</param>
    /// <param name="maxArraysPerSize">How many arrays the power-of-two part keeps of each size.</param>
    public ImageArrayPool(int maxPooledBytes, int maxArraysPerSize)
    {
        _powersOfTwo = Create(PowerOfTwoLimit, maxArraysPerSize);
        _maxPooledBytes = maxPooledBytes;
        _large = [.. Enumerable.Range(0, Math.Max(0, (maxPooledBytes - PowerOfTwoLimit) / Step)).Select(_ => new ConcurrentQueue<byte[]>())];
    }

    /// <summary>How many bytes of large arrays the pool keeps now.</summary>
    public long KeptLargeBytes => Interlocked.Read(ref _keptLargeBytes);

    public override byte[] Rent(int minimumLength)
    {
        if (minimumLength <= PowerOfTwoLimit)
        {
            return _powersOfTwo.Rent(minimumLength);
        }

        if (minimumLength > _maxPooledBytes)
        {
            return GC.AllocateUninitializedArray<byte>(minimumLength);
        }

        for (var size = IndexOf(minimumLength); size < _large.Length; size++)
        {
            if (_large[size].TryDequeue(out var array))
            {
                Interlocked.Add(ref _keptLargeBytes, -array.Length);
                return array;
            }
        }

        return GC.AllocateUninitializedArray<byte>(PowerOfTwoLimit + (IndexOf(minimumLength) + 1) * Step);
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        if (array.Length <= PowerOfTwoLimit)
        {
            _powersOfTwo.Return(array, clearArray);
            return;
        }

        // Arrays larger than the pool takes, or of a length it never gives, are left to the GC.
        if (array.Length > _maxPooledBytes || (array.Length - PowerOfTwoLimit) % Step != 0)
        {
            return;
        }

        if (Interlocked.Add(ref _keptLargeBytes, array.Length) > MaxKeptLargeBytes)
        {
            Interlocked.Add(ref _keptLargeBytes, -array.Length);
            return;
        }

        if (clearArray)
        {
            Array.Clear(array);
        }

        _large[IndexOf(array.Length)].Enqueue(array);
    }

    // The size class of a length above PowerOfTwoLimit: 0 for up to 5 MiB, 1 for up to 6 MiB, …
    private static int IndexOf(int length) => (length - PowerOfTwoLimit - 1) / Step;
}
