using System.Buffers;

namespace ImageAdapter.Imaging;

/// <summary>
/// Where a body's bytes fall outside the base64 alphabet, noted as the body is read (<see cref="Note"/>), while each
/// read is still in the CPU's cache. An SDXL n=4 answer is 9 MB of JSON, nearly all of it base64: checking its
/// strings afterwards read those 9 MB from memory once more, 1–2 ms of CPU per request at 16 clients (bench/README.md).
/// Here the check costs a scan of cached bytes, and <see cref="Translation.Base64Payload.Read"/> asks
/// <see cref="AllBase64"/> instead. Noting stops after <see cref="MaxMarks"/> such bytes; strings past that point are
/// checked in full, as before.
/// </summary>
internal sealed class NonBase64Bytes
{
    // An artifact's JSON around its base64 (quotes, colons, commas, braces, padding) is a few dozen such bytes; a pretty
    // printed answer adds its indentation. 1024 is more than ten artifacts' worth.
    internal const int MaxMarks = 1024;

    private static readonly SearchValues<byte> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8);

    private readonly List<int> _marks = [];

    // Every mark below it is in _marks.
    private int _notedBytes;
    private bool _stopped;

    /// <summary>Notes <paramref name="next"/>, the bytes that follow those already noted.</summary>
    public void Note(ReadOnlySpan<byte> next)
    {
        if (_stopped)
        {
            return;
        }

        var searched = 0;
        int at;
        while ((at = next[searched..].IndexOfAnyExcept(Alphabet)) >= 0)
        {
            if (_marks.Count == MaxMarks)
            {
                _stopped = true;
                return;
            }

            searched += at;
            _marks.Add(_notedBytes + searched);
            searched++;
        }

        _notedBytes += next.Length;
    }

    /// <summary>
    /// The offset of every byte outside the alphabet, in order, when all <paramref name="length"/> bytes of the body were
    /// noted; null when noting stopped or did not reach its end.
    /// </summary>
    public IReadOnlyList<int>? AllMarks(int length) => !_stopped && _notedBytes == length ? _marks : null;

    /// <summary>Whether the <paramref name="length"/> bytes at <paramref name="start"/> were noted and are all in the base64 alphabet.</summary>
    public bool AllBase64(int start, int length)
    {
        if (start < 0 || length < 0 || length > _notedBytes - start)
        {
            return false;
        }

        var first = _marks.BinarySearch(start);
        var next = first >= 0 ? first : ~first;
        return next == _marks.Count || _marks[next] >= start + length;
    }
}
