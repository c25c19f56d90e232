using System.Buffers;
using ImageAdapter.Imaging;

namespace ImageAdapter.Translation;

/// <summary>
/// A JSON answer with the content of its long base64 strings left out: what <see cref="SdxlTranslator.ReadArtifacts"/>
/// parses instead of the answer itself when the answer's <see cref="NonBase64Bytes"/> were noted as it was read. An SDXL
/// n=4 answer is 9 MB of JSON, nearly all of it the artifacts' base64; parsing it read those megabytes from memory once
/// more only to find where each string ends, which the notes already say (bench/README.md, "JSON skeleton").
/// </summary>
/// <remarks>
/// A run of <see cref="MinLeftOutBytes"/> or more bytes of the base64 alphabet (padding included) between two quotes is
/// the content of a string in any valid JSON: a quote that closes a string is followed by a separator, never by such a
/// byte. Leaving it out therefore keeps a valid answer valid, with the same structure, and an invalid one invalid. The
/// content is found again by <see cref="InAnswer"/>. An answer with a backslash is parsed whole: an escaped quote could
/// bound such a run inside a string.
/// </remarks>
internal sealed class JsonSkeleton
{
    /// <summary>Longer than any property name or word of the answer's contract, so that only base64 is left out.</summary>
    internal const int MinLeftOutBytes = 1024;

    private readonly ArrayBufferWriter<byte> _json = new();

    // Where the skeleton's strings lost their content (just after their opening quote), and where that content is in the answer.
    private readonly List<(int At, int Offset, int Length)> _leftOut = [];

    private JsonSkeleton()
    {
    }

    public ReadOnlySpan<byte> Json => _json.WrittenSpan;

    /// <summary>The skeleton of <paramref name="answer"/>, or null when its notes do not cover it all or it has a backslash.</summary>
    public static JsonSkeleton? Create(ReadOnlySpan<byte> answer, NonBase64Bytes noted)
    {
        if (noted.AllMarks(answer.Length) is not { } marks)
        {
            return null;
        }

        var skeleton = new JsonSkeleton();
        var copied = 0;
        for (var i = 0; i < marks.Count; i++)
        {
            var open = marks[i];
            if (answer[open] == '\\')
            {
                return null;
            }

            if (answer[open] != '"' || ClosingQuote(answer, marks, i) is not { } close || close - open - 1 < MinLeftOutBytes)
            {
                continue;
            }

            skeleton._json.Write(answer[copied..(open + 1)]);
            skeleton._leftOut.Add((skeleton._json.WrittenCount, open + 1, close - open - 1));
            copied = close;
        }

        skeleton._json.Write(answer[copied..]);
        return skeleton;
    }

    /// <summary>
    /// Where the string of <paramref name="length"/> bytes at <paramref name="offset"/> in the skeleton is in the answer;
    /// for a string whose content was left out (empty in the skeleton), that content.
    /// </summary>
    public (int Offset, int Length) InAnswer(int offset, int length)
    {
        var shift = 0;
        foreach (var (at, answerOffset, leftOut) in _leftOut)
        {
            if (at == offset)
            {
                return (answerOffset, leftOut);
            }

            if (at > offset)
            {
                break;
            }

            shift += leftOut;
        }

        return (offset + shift, length);
    }

    // The quote after the mark at index i if only padding marks lie between them.
    private static int? ClosingQuote(ReadOnlySpan<byte> answer, IReadOnlyList<int> marks, int i)
    {
        for (var next = i + 1; next < marks.Count; next++)
        {
            switch (answer[marks[next]])
            {
                case (byte)'=':
                    continue;
                case (byte)'"':
                    return marks[next];
                default:
                    return null;
            }
        }

        return null;
    }
}
