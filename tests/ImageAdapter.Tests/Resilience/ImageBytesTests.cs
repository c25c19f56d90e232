using System.Buffers;
using System.Runtime.InteropServices;
using ImageAdapter.Errors;
using ImageAdapter.Imaging;
using ImageAdapter.Resilience;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Resilience;

/// <summary>
/// Image bytes are read into pooled buffers that the request's budget reservation owns: counted while held, given back
/// when the reservation ends or, for a buffer released early, at once.
/// </summary>
public sealed class ImageBytesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly ImageMemoryBudget _budget = new(Options.Create(new AdapterOptions()));

    [Fact]
    public async Task ReadAsync_InARequest_BytesCountedUntilTheReservationEnds()
    {
        var bytes = Bytes(300_000, seed: 1);
        var reservation = _budget.Open();

        var read = await ReadAsync(bytes, expected: bytes.Length);

        Assert.Equal(bytes, read.ToArray());
        Assert.Equal(bytes.Length, _budget.HeldBytes);
        reservation.Dispose();
        Assert.Equal(0, _budget.HeldBytes);
    }

    // An SDXL n=4 answer is about 9 MB: promised, it is read into one pooled buffer of the next power of two, which
    // the request may change (its images are decoded in place there).
    [Fact]
    public async Task ReadAsync_PromisedNineMegabytes_ReadIntoOnePooledBufferTheCallerMayChange()
    {
        using var reservation = _budget.Open();
        var bytes = Bytes(9_000_000, seed: 2);

        var read = await ReadAsync(bytes, expected: bytes.Length);
        read.Span[0] ^= 0xFF;

        Assert.Equal(bytes[1..], read[1..].ToArray());
        Assert.Equal((byte)(bytes[0] ^ 0xFF), read.Span[0]);
        Assert.True(MemoryMarshal.TryGetArray<byte>(read, out var segment));
        Assert.Equal(16 * 1024 * 1024, segment.Array!.Length);
        Assert.Equal(bytes.Length, _budget.HeldBytes);
    }

    // Regression: a promise that filled its pooled buffer to within 64 KiB of the end grew it to the next power of two
    // (a copy of the whole image, and above 16 MiB an array the pool does not keep) just to read the end of the stream.
    [Theory]
    [InlineData(2 * 1024 * 1024 - 10, 2 * 1024 * 1024)]
    [InlineData(16 * 1024 * 1024 - 10, 16 * 1024 * 1024)]
    public async Task ReadAsync_PromiseFillsThePooledBufferToItsEnd_BufferNotGrown(int length, int expectedArrayLength)
    {
        using var reservation = _budget.Open();
        var bytes = Bytes(length, seed: 3);

        var read = await ReadAsync(bytes, expected: bytes.Length);

        Assert.Equal(bytes, read.ToArray());
        Assert.True(MemoryMarshal.TryGetArray<byte>(read, out var segment));
        Assert.Equal(expectedArrayLength, segment.Array!.Length);
    }

    // What a peer that promises much and sends little costs: the first buffer, 2 MiB, which is grown only once it is full.
    [Fact]
    public async Task ReadAsync_PromiseFarLargerThanWhatArrives_OneTwoMebibyteBuffer()
    {
        using var reservation = _budget.Open();
        var bytes = Bytes(100_000, seed: 8);

        var read = await ImageBytes.ReadAsync(
            TestPool(), new MemoryStream(bytes), 16_000_000, () => new AdapterException(AdapterErrorKind.RequestTooLarge, "too large"), Token, 16_000_000);

        Assert.Equal(bytes, read.ToArray());
        Assert.True(MemoryMarshal.TryGetArray<byte>(read, out var segment));
        Assert.Equal(2 * 1024 * 1024, segment.Array!.Length);
    }

    // A peer that promises more than it sends gets a buffer for the promise once it has filled the first one, and its
    // bytes are read whole; one that promises less still has all it sends read, up to the limit.
    [Theory]
    [InlineData(6_000_000, 12_000_000)]
    [InlineData(6_000_000, 1_000)]
    public async Task ReadAsync_PromiseIsWrong_EveryByteSentIsRead(int length, int promised)
    {
        using var reservation = _budget.Open();
        var bytes = Bytes(length, seed: 7);

        var read = await ImageBytes.ReadAsync(
            TestPool(), new MemoryStream(bytes), 16_000_000, () => new AdapterException(AdapterErrorKind.RequestTooLarge, "too large"), Token, promised);

        Assert.Equal(bytes, read.ToArray());
    }

    [Fact]
    public async Task ReadAsync_OutsideARequest_CopiesTheBytesOutExactly()
    {
        var bytes = Bytes(5000, seed: 4);

        var read = await ReadAsync(bytes);

        Assert.True(MemoryMarshal.TryGetArray<byte>(read, out var segment));
        Assert.Equal(bytes, segment.Array);
        Assert.Equal(0, _budget.HeldBytes);
    }

    // Regression: every Kontext poll answer (chunked, so no Content-Length) kept a 256 KiB pooled buffer until the end.
    [Fact]
    public async Task ReadAsync_SmallBodyInARequest_CopiedOutNotKept()
    {
        using var reservation = _budget.Open();
        var bytes = Bytes(900, seed: 6);

        var read = await ReadAsync(bytes);

        Assert.True(MemoryMarshal.TryGetArray<byte>(read, out var segment));
        Assert.Equal(bytes, segment.Array);
    }

    // Each read is noted as it arrives (NonBase64Bytes), whatever its size and however often the buffer grows on the
    // way: small bodies are copied out, large ones without a promise grow from 256 KiB.
    [Theory]
    [InlineData(9_000, 7)]
    [InlineData(700_000, 40_000)]
    public async Task ReadAsync_NotingInPieces_NotesEveryByteAtItsOffsetInTheBody(int length, int piece)
    {
        using var reservation = _budget.Open();
        var random = new Random(length);
        var bytes = Enumerable.Range(0, length).Select(_ => random.Next(2000) == 0 ? (byte)'"' : (byte)'Q').ToArray();
        var noted = new NonBase64Bytes();

        var read = await ImageBytes.ReadAsync(TestPool(), new PiecesStream(bytes, piece), length, () => new AdapterException(AdapterErrorKind.RequestTooLarge, "too large"),
            Token, expectedBytes: null, noted);

        Assert.Equal(bytes, read.ToArray());
        var quotes = bytes.Select((value, index) => (value, index)).Where(pair => pair.value == '"').Select(pair => pair.index).ToArray();
        Assert.NotEmpty(quotes);
        Assert.All(quotes, quote => Assert.False(noted.AllBase64(quote, 1)));
        var between = quotes.Prepend(-1).Zip(quotes.Append(length), (before, after) => (Start: before + 1, Length: after - before - 1));
        Assert.All(between, run => Assert.True(noted.AllBase64(run.Start, run.Length)));
    }

    [Fact]
    public async Task ReadAsync_MoreThanTheLimit_ThrowsTheGivenError()
    {
        using var reservation = _budget.Open();

        var error = await Assert.ThrowsAsync<AdapterException>(() => ImageBytes.ReadAsync(
            new MemoryStream(Bytes(1001, seed: 5)), 1000, () => new AdapterException(AdapterErrorKind.RequestTooLarge, "too large"), Token));

        Assert.Equal(AdapterErrorKind.RequestTooLarge, error.Kind);
    }

    private static Task<Memory<byte>> ReadAsync(byte[] bytes, long? expected = null) =>
        ImageBytes.ReadAsync(TestPool(), new MemoryStream(bytes), bytes.Length, () => new AdapterException(AdapterErrorKind.RequestTooLarge, "too large"), Token, expected);

    // A peer's body arriving in reads of at most the given size.
    private sealed class PiecesStream(byte[] bytes, int piece) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }

    // A pool of the test's own, as ImageBytes' is made: a shared one may hand out a larger array it keeps, so array
    // sizes would depend on the other tests.
    private static ArrayPool<byte> TestPool() => ArrayPool<byte>.Create(16 * 1024 * 1024, maxArraysPerBucket: 64);

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
