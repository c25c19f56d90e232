using ImageAdapter.Resilience;

namespace ImageAdapter.Tests.Resilience;

/// <summary>
/// Image buffers up to 4 MiB come in powers of two; larger ones in whole MiB, reused by any request they fit, and kept
/// only up to 256 MiB in all.
/// </summary>
public sealed class ImageArrayPoolTests
{
    private const int MiB = 1024 * 1024;

    private readonly ImageArrayPool _pool = new(maxPooledBytes: 16 * MiB, maxArraysPerSize: 64);

    [Theory]
    [InlineData(1_000, 1_024)]
    [InlineData(1_700_000, 2 * MiB)]
    [InlineData(4 * MiB, 4 * MiB)]
    [InlineData(4 * MiB + 1, 5 * MiB)]
    [InlineData(9_000_001, 9 * MiB)]
    [InlineData(16 * MiB, 16 * MiB)]
    [InlineData(16 * MiB + 1, 16 * MiB + 1)]
    public void Rent_Length_PowerOfTwoUpTo4MiBThenWholeMiBUpTo16MiBThenExact(int length, int expected)
    {
        Assert.Equal(expected, _pool.Rent(length).Length);
    }

    [Fact]
    public void Rent_AfterALargeArrayCameBack_TheSameArrayAgain()
    {
        var array = _pool.Rent(9_000_001);
        _pool.Return(array);

        Assert.Same(array, _pool.Rent(8 * MiB + 1));
        Assert.Equal(0, _pool.KeptLargeBytes);
    }

    [Fact]
    public void Rent_OnlyALargerArrayKept_TheLargerArray()
    {
        var large = _pool.Rent(12 * MiB);
        _pool.Return(large);

        Assert.Same(large, _pool.Rent(6 * MiB));
    }

    [Fact]
    public void Rent_OnlyASmallerArrayKept_ANewArrayLargeEnough()
    {
        var small = _pool.Rent(6 * MiB);
        _pool.Return(small);

        var rented = _pool.Rent(7 * MiB);

        Assert.NotSame(small, rented);
        Assert.Equal(7 * MiB, rented.Length);
        Assert.Equal(6 * MiB, _pool.KeptLargeBytes);
    }

    [Fact]
    public void Return_Beyond256MiBKept_TheRestLeftToTheGc()
    {
        var arrays = Enumerable.Range(0, 20).Select(_ => _pool.Rent(16 * MiB)).ToList();

        arrays.ForEach(array => _pool.Return(array));

        Assert.Equal(256 * MiB, _pool.KeptLargeBytes);
    }

    [Theory]
    [InlineData(5 * MiB + 3)]
    [InlineData(32 * MiB)]
    public void Return_ArrayOfALengthThePoolNeverGives_NotKept(int length)
    {
        _pool.Return(new byte[length]);

        Assert.Equal(0, _pool.KeptLargeBytes);
    }

    [Fact]
    public void Return_ClearArray_ArrayComesBackCleared()
    {
        var array = _pool.Rent(5 * MiB);
        array.AsSpan().Fill(0xAB);

        _pool.Return(array, clearArray: true);

        Assert.DoesNotContain(_pool.Rent(5 * MiB), b => b != 0);
    }
}
