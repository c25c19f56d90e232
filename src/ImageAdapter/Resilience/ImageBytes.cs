using System.Buffers;
using CommunityToolkit.HighPerformance.Buffers;
using ImageAdapter.Errors;
using ImageAdapter.Imaging;

namespace ImageAdapter.Resilience;

/// <summary>
/// Reads image bytes from a stream (a Fireworks answer, or a client's input image) into pooled buffers that grow as
/// bytes arrive, counting them against the instance's <see cref="ImageMemoryBudget"/>, and stops at a limit. A promised
/// length sizes the first buffer, up to <see cref="MaxFirstBufferBytes"/>: a peer that promises 16 MiB, sends 8 bytes
/// and stalls costs one 2 MiB buffer. Once bytes have filled it, the buffer grows to the whole promise at once, so a
/// 9 MB SDXL n=4 answer is copied once (2 MiB into 16 MiB), not through 4 and 8 MiB as well. 2 MiB is also the buffer
/// of a 1.65 MB n=1 PNG, so the first buffers of n=4 answers are arrays the pool already keeps. The bytes stay in the
/// pool's array until the request's answer is written (<see cref="ImageMemoryBudget.Keep"/>), so a warm instance
/// allocates nothing image-sized per request.
/// </summary>
internal static class ImageBytes
{
    private const int DefaultFirstBufferBytes = 256 * 1024;
    private const int MaxFirstBufferBytes = 2 * 1024 * 1024;
    private const int MaxPooledBytes = 16 * 1024 * 1024;
    private const int ReadBytes = 64 * 1024;
    private const int SmallBodyBytes = 16 * 1024;

    // Its own pool, not ArrayPool.Shared: the shared pool keeps dozens of large arrays per core after a burst (the load
    // test saw ~290 MB stay). Here each power-of-two size up to 16 MiB (an SDXL n=4 answer is about 9 MB of JSON) keeps
    // as many arrays as were in use at once, up to 64; larger ones are not pooled. 64 is twice the default admission
    // (AdapterOptions.MaxConcurrentImages, one buffer per image), so a busy instance's buffers come back here: with 16,
    // 64 clients of n=1 turned half of them into large-object garbage, and the heap grew by 200 MB between gen-2 GCs.
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(MaxPooledBytes, maxArraysPerBucket: 64);

    /// <summary>
    /// The whole stream, or <paramref name="tooLarge"/> thrown once more than <paramref name="limit"/> bytes have
    /// arrived. <paramref name="expectedBytes"/> (a <c>Content-Length</c>) sizes the first buffer. Each read is
    /// noted in <paramref name="noted"/> while it is still in the CPU's cache.
    /// </summary>
    public static Task<Memory<byte>> ReadAsync(
        Stream stream, long limit, Func<AdapterException> tooLarge, CancellationToken cancellationToken, long? expectedBytes = null, NonBase64Bytes? noted = null) =>
        ReadAsync(Pool, stream, limit, tooLarge, cancellationToken, expectedBytes, noted);

    /// <summary>As <see cref="ReadAsync(Stream, long, Func{AdapterException}, CancellationToken, long?, NonBase64Bytes?)"/>, from a pool of the caller's (tests).</summary>
    internal static async Task<Memory<byte>> ReadAsync(
        ArrayPool<byte> pool, Stream stream, long limit, Func<AdapterException> tooLarge, CancellationToken cancellationToken, long? expectedBytes = null,
        NonBase64Bytes? noted = null)
    {
        long? promised = expectedBytes > 0 ? Math.Min(expectedBytes.Value, limit) : null;
        var buffer = new ArrayPoolBufferWriter<byte>(pool, FirstBufferBytes(promised));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.GetMemory(NextReadBytes(buffer, promised)), cancellationToken)) > 0)
            {
                buffer.Advance(read);
                noted?.Note(buffer.WrittenSpan[^read..]);
                if (buffer.WrittenCount > limit)
                {
                    throw tooLarge();
                }

                ImageMemoryBudget.Charge(read);
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }

        // Kontext's submit and poll answers and error bodies are copied out at once. Kept, each of a long task's polls
        // would hold a pooled buffer (256 KiB without a Content-Length) until the request's answer is written.
        return buffer.WrittenCount <= SmallBodyBytes ? ImageMemoryBudget.CopyOut(buffer) : ImageMemoryBudget.Keep(buffer);
    }

    /// <summary>A pooled buffer of <paramref name="length"/> bytes for decoded image bytes; hand it to <see cref="ImageMemoryBudget.Keep"/>.</summary>
    public static ArrayPoolBufferWriter<byte> Rent(int length) => new(Pool, length);

    // One byte more than promised, so that reading the end of the stream does not grow the buffer.
    private static int FirstBufferBytes(long? promised) =>
        promised is { } bytes ? (int)Math.Min(bytes + 1, MaxFirstBufferBytes) : DefaultFirstBufferBytes;

    // Room for the next read, never more than the rest of the promise and one byte to see the end: 64 KiB, or, once
    // the buffer is nearly full, the whole rest, so that it grows once. Asking for 64 KiB at the end of the promise would
    // grow a buffer that the promise fills to within 64 KiB of its end.
    private static int NextReadBytes(ArrayPoolBufferWriter<byte> buffer, long? promised) =>
        promised is { } bytes
            ? (int)Math.Clamp(bytes - buffer.WrittenCount + 1, 1, buffer.FreeCapacity < ReadBytes ? MaxPooledBytes : ReadBytes)
            : ReadBytes;
}
