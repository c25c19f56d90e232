using System.Buffers;
using CommunityToolkit.HighPerformance.Buffers;
using ImageAdapter.Errors;
using ImageAdapter.Resilience;

namespace ImageAdapter.Fireworks;

/// <summary>
/// Reads a Fireworks answer body into pooled buffers that grow as bytes arrive, counting them against the instance's
/// <see cref="ImageMemoryBudget"/>. A promised <c>Content-Length</c> decides nothing but an early refusal: an upstream
/// that promises 64 MiB, sends 8 bytes and stalls costs one small buffer, not a 64 MiB array.
/// </summary>
internal static class UpstreamBody
{
    private const int FirstBufferBytes = 256 * 1024;
    private const int ReadBytes = 64 * 1024;

    // Its own pool, not ArrayPool.Shared: the shared pool keeps dozens of megabyte arrays per core after a burst (the
    // load test saw ~290 MB stay). Here at most 8 arrays of each size up to 4 MiB stay; larger answers are not pooled.
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 4 * 1024 * 1024, maxArraysPerBucket: 8);

    public static async Task<byte[]> ReadAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        using var buffer = new ArrayPoolBufferWriter<byte>(Pool, FirstBufferBytes);
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        int read;
        while ((read = await stream.ReadAsync(buffer.GetMemory(ReadBytes), cancellationToken)) > 0)
        {
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                throw TooLarge(limit);
            }

            ImageMemoryBudget.Charge(read);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static AdapterException TooLarge(long limit) => new(AdapterErrorKind.UpstreamInvalidResponse,
        $"Fireworks' answer was larger than the adapter accepts ({limit / (1024 * 1024)} MiB).");
}
