using System.Buffers;
using CommunityToolkit.HighPerformance.Buffers;
using ImageAdapter.Errors;

namespace ImageAdapter.Resilience;

/// <summary>
/// Reads image bytes from a stream (a Fireworks answer, or a client's input image) into pooled buffers that grow as
/// bytes arrive, counting them against the instance's <see cref="ImageMemoryBudget"/>, and stops at a limit. Nothing
/// is sized from a promised length: a peer that promises 64 MiB, sends 8 bytes and stalls costs one small buffer.
/// </summary>
internal static class ImageBytes
{
    private const int FirstBufferBytes = 256 * 1024;
    private const int ReadBytes = 64 * 1024;

    // Its own pool, not ArrayPool.Shared: the shared pool keeps dozens of megabyte arrays per core after a burst (the
    // load test saw ~290 MB stay). Here at most 8 arrays of each size up to 4 MiB stay; larger ones are not pooled.
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 4 * 1024 * 1024, maxArraysPerBucket: 8);

    /// <summary>The whole stream, or <paramref name="tooLarge"/> thrown once more than <paramref name="limit"/> bytes have arrived.</summary>
    public static async Task<byte[]> ReadAsync(Stream stream, long limit, Func<AdapterException> tooLarge, CancellationToken cancellationToken)
    {
        using var buffer = new ArrayPoolBufferWriter<byte>(Pool, FirstBufferBytes);
        int read;
        while ((read = await stream.ReadAsync(buffer.GetMemory(ReadBytes), cancellationToken)) > 0)
        {
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                throw tooLarge();
            }

            ImageMemoryBudget.Charge(read);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
