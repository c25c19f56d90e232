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
    public void NoneIn_NotedInReadsOfAnySize_AgreesWithTheBytesForEveryRange(int readBytes)
    {
        var noted = Note(Answer, readBytes);

        for (var start = 0; start <= Answer.Length; start++)
        {
            for (var length = 0; start + length <= Answer.Length; length++)
            {
                var expected = Answer.AsSpan(start, length).IndexOfAnyExcept(Base64Alphabet) < 0;
                Assert.True(expected == noted.NoneIn(start, length), $"{Encoding.UTF8.GetString(Answer, start, length)} at {start}");
            }
        }
    }

    [Fact]
    public void NoneIn_RangePastWhatWasNoted_False()
    {
        var noted = Note(Answer.AsSpan(0, 20).ToArray(), 8);

        Assert.True(noted.NoneIn(12, 8)); // iVBORw0K
        Assert.False(noted.NoneIn(12, 9));
        Assert.False(noted.NoneIn(-1, 2));
    }

    // A PNG or other binary body is mostly outside the alphabet: noting stops, and vouches for nothing it did not see.
    [Fact]
    public void Note_MoreMarksThanItKeeps_VouchesOnlyForTheReadsBefore()
    {
        var clean = Encoding.UTF8.GetBytes(new string('A', 100));
        var binary = Enumerable.Repeat((byte)'!', NonBase64Bytes.MaxMarks + 1).ToArray();
        var noted = new NonBase64Bytes();

        noted.Note(clean);
        noted.Note(binary);
        noted.Note(clean);

        Assert.True(noted.NoneIn(0, 100));
        Assert.False(noted.NoneIn(100 + binary.Length, 100));
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
