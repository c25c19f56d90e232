using System.Runtime.InteropServices;
using ImageAdapter.Errors;
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

    [Fact]
    public async Task Release_AKeptBuffer_GivesItsBytesBackAtOnceAndLeavesTheOthers()
    {
        using var reservation = _budget.Open();
        var json = await ReadAsync(Bytes(200_000, seed: 2));
        var image = await ReadAsync(Bytes(70_000, seed: 3));

        ImageMemoryBudget.Release(json);
        ImageMemoryBudget.Release(new byte[10]); // not this request's: nothing happens

        Assert.Equal(70_000, _budget.HeldBytes);
        Assert.Equal(Bytes(70_000, seed: 3), image.ToArray());
    }

    [Fact]
    public async Task ReadAsync_OutsideARequest_CopiesTheBytesOutExactly()
    {
        var bytes = Bytes(5000, seed: 4);

        var read = await ReadAsync(bytes);

        Assert.True(MemoryMarshal.TryGetArray(read, out var segment));
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

        Assert.True(MemoryMarshal.TryGetArray(read, out var segment));
        Assert.Equal(bytes, segment.Array);
    }

    [Fact]
    public async Task ReadAsync_MoreThanTheLimit_ThrowsTheGivenError()
    {
        using var reservation = _budget.Open();

        var error = await Assert.ThrowsAsync<AdapterException>(() => ImageBytes.ReadAsync(
            new MemoryStream(Bytes(1001, seed: 5)), 1000, () => new AdapterException(AdapterErrorKind.RequestTooLarge, "too large"), Token));

        Assert.Equal(AdapterErrorKind.RequestTooLarge, error.Kind);
    }

    private static Task<ReadOnlyMemory<byte>> ReadAsync(byte[] bytes, long? expected = null) =>
        ImageBytes.ReadAsync(new MemoryStream(bytes), bytes.Length, () => new AdapterException(AdapterErrorKind.RequestTooLarge, "too large"), Token, expected);

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
