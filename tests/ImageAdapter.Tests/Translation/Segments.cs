using System.Buffers;

namespace ImageAdapter.Tests.Translation;

/// <summary>A <see cref="ReadOnlySequence{T}"/> made of the given pieces, as a pipe reading a response in chunks hands it over.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Of(params byte[][] pieces)
    {
        var first = new Segments(pieces[0], 0);
        var last = first;
        foreach (var piece in pieces[1..])
        {
            var next = new Segments(piece, last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
