using System.Text;
using ImageAdapter.Imaging;

namespace ImageAdapter.Tests.Imaging;

/// <summary>
/// An SDXL JSON answer's bytes outside the base64 alphabet are noted as it is read, in reads of any size, so that its
/// base64 strings need not be read again to be checked. A wrong answer here would pass text that does not decode.
/// </summary>
public sealed class NonBase64BytesTests
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes(
        """[{"base64":"iVBORw0KGgo+/AAA","finishReason":"SUCCESS","seed":1},{"base64":"data:image/png;base64,AQID AQ==","seed":2}]""");

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(4096)]
    public void AllBase64_NotedInReadsOfAnySize_AgreesWithTheBytesForEveryRange(int readBytes)
    {
        var noted = Note(Answer, readBytes);

        for (var start = 0; start <= Answer.Length; start++)
        {
            for (var length = 0; start + length <= Answer.Length; length++)
            {
                var expected = Answer.AsSpan(start, length).IndexOfAnyExcept(Base64Alphabet) < 0;
                Assert.True(expected == noted.AllBase64(start, length), $"{Encoding.UTF8.GetString(Answer, start, length)} at {start}");
            }
        }
    }

    [Fact]
    public void AllBase64_RangePastWhatWasNoted_False()
    {
        var noted = Note(Answer.AsSpan(0, 20).ToArray(), 8);

        Assert.True(noted.AllBase64(12, 8)); // iVBORw0K
        Assert.False(noted.AllBase64(12, 9));
        Assert.False(noted.AllBase64(-1, 2));
    }

    // Past MaxMarks noting stops: it vouches for nothing from the read where it stopped on, whatever the reads' sizes.
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(4096)]
    public void AllBase64_MoreMarksThanItKeeps_VouchesOnlyForWhatItSawAndNeverWrongly(int readBytes)
    {
        var random = new Random(readBytes);
        var body = Enumerable.Range(0, 6 * NonBase64Bytes.MaxMarks)
            .Select(_ => random.Next(4) == 0 ? (byte)'!' : (byte)'A')
            .ToArray();

        var noted = Note(body, readBytes);

        var vouched = 0;
        for (var start = 0; start < body.Length; start += 7)
        {
            foreach (var length in new[] { 0, 1, 2, 3, 10 })
            {
                var clean = start + length <= body.Length && body.AsSpan(start, length).IndexOfAnyExcept(Base64Alphabet) < 0;
                var says = noted.AllBase64(start, length);
                Assert.False(says && !clean, $"{length} bytes at {start}");
                vouched += says && length > 0 ? 1 : 0;
            }
        }

        Assert.True(vouched > 0);
        var firstUnkept = body.Select((value, index) => (value, index)).Where(pair => pair.value == '!').ElementAt(NonBase64Bytes.MaxMarks).index;
        Assert.False(noted.AllBase64(firstUnkept, 1));
        Assert.False(noted.AllBase64(body.Length - 1, 1));
    }

    internal static NonBase64Bytes Note(byte[] body, int readBytes)
    {
        var noted = new NonBase64Bytes();
        foreach (var read in body.Chunk(readBytes))
        {
            noted.Note(read);
        }

        return noted;
    }

    private static ReadOnlySpan<byte> Base64Alphabet => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8;
}
