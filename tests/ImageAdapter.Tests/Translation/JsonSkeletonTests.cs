using System.Text;
using System.Text.Json;
using ImageAdapter.Imaging;
using ImageAdapter.Tests.Imaging;
using ImageAdapter.Translation;

namespace ImageAdapter.Tests.Translation;

/// <summary>
/// An SDXL answer whose bytes outside the base64 alphabet were noted is parsed as its skeleton, without the content of
/// its long base64 strings. Any answer must read as it reads whole: the same images, the same refusal, the same error.
/// </summary>
public sealed class JsonSkeletonTests
{
    private const int Long = JsonSkeleton.MinLeftOutBytes;

    [Fact]
    public void Create_StringsAtLeastMinLeftOutBytesLong_LeftOutAndFoundAgain()
    {
        var kept = new string('B', Long - 1);
        var leftOut = new string('C', Long - 2) + "==";
        var answer = Encoding.UTF8.GetBytes($$"""[{"base64":"{{kept}}","seed":1},{"base64":"{{leftOut}}","seed":2}]""");

        var skeleton = JsonSkeleton.Create(answer, NonBase64BytesTests.Note(answer, readBytes: 100))!;

        Assert.Equal($$"""[{"base64":"{{kept}}","seed":1},{"base64":"","seed":2}]""", Encoding.UTF8.GetString(skeleton.Json));
        var emptyAt = Encoding.UTF8.GetString(skeleton.Json).LastIndexOf("\"\"", StringComparison.Ordinal) + 1;
        var (offset, length) = skeleton.InAnswer(emptyAt, 0);
        Assert.Equal(leftOut, Encoding.UTF8.GetString(answer, offset, length));
        var secondSeed = Encoding.UTF8.GetString(skeleton.Json).LastIndexOf("seed", StringComparison.Ordinal);
        Assert.Equal("seed", Encoding.UTF8.GetString(answer, skeleton.InAnswer(secondSeed, 4).Offset, 4));
    }

    [Fact]
    public void Create_AnswerWithABackslash_NoSkeleton()
    {
        var answer = Encoding.UTF8.GetBytes($$"""[{"base64":"{{new string('A', Long)}}","finishReason":"SUCC\u0045SS"}]""");

        Assert.Null(JsonSkeleton.Create(answer, NonBase64BytesTests.Note(answer, readBytes: 64)));
    }

    [Fact]
    public void Create_NotesThatDoNotCoverTheAnswer_NoSkeleton()
    {
        var answer = Encoding.UTF8.GetBytes($$"""[{"base64":"{{new string('A', Long)}}"}]""");
        var partly = NonBase64BytesTests.Note(answer[..^2], readBytes: 64);
        var stopped = NonBase64BytesTests.Note([.. Enumerable.Repeat((byte)'!', NonBase64Bytes.MaxMarks + 1)], readBytes: 64);

        Assert.Null(JsonSkeleton.Create(answer, partly));
        Assert.Null(JsonSkeleton.Create(answer, stopped));
    }

    // The skeleton is what is parsed: here a quote is put inside an artifact's base64 after it was noted, which no answer
    // can do, and the string still ends where the notes say. Parsed whole, the answer would no longer be JSON.
    [Fact]
    public void ReadArtifacts_Noted_LongBase64NotParsedAgain()
    {
        var base64 = new string('A', Long * 2);
        var answer = Encoding.UTF8.GetBytes($$"""[{"base64":"{{base64}}","finishReason":"SUCCESS","seed":1}]""");
        var noted = NonBase64BytesTests.Note(answer, readBytes: 4096);
        answer[answer.AsSpan().IndexOf("AAAA"u8) + Long] = (byte)'"';

        var body = SdxlTranslator.ReadArtifacts(answer, noted)[0].Body;

        Assert.Equal(base64.Length, body.Text.Length);
        Assert.Equal((byte)'"', body.Text.Span[Long]);
        Assert.ThrowsAny<JsonException>(() => SdxlTranslator.ReadArtifacts(answer.ToArray()));
    }

    // Answers of long and short artifacts, compact or indented, each with one byte changed or none, at random or next to
    // a byte of the JSON's structure: read as a skeleton or whole, the same images, or the same exception and message.
    [Fact]
    public void ReadArtifacts_SkeletonOrWhole_SameVerdictForAnswersWithOneByteChanged()
    {
        var random = new Random(16);
        byte[] changes = [(byte)'"', (byte)'\\', (byte)',', (byte)':', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)' ', (byte)'\n', (byte)'=', (byte)'A', (byte)'!', 0];
        var skeletons = 0;
        for (var trial = 0; trial < 1500; trial++)
        {
            var answer = Answer(random);
            if (trial > 0)
            {
                var structure = answer.Select((value, index) => (value, index)).Where(pair => !char.IsAsciiLetterOrDigit((char)pair.value)).ToArray();
                var at = random.Next(2) == 0
                    ? random.Next(answer.Length)
                    : Math.Clamp(structure[random.Next(structure.Length)].index + random.Next(-2, 3), 0, answer.Length - 1);
                answer[at] = changes[random.Next(changes.Length)];
            }

            var noted = NonBase64BytesTests.Note(answer, readBytes: 1 + random.Next(5000));
            skeletons += JsonSkeleton.Create(answer, noted) is { } skeleton && skeleton.Json.Length < answer.Length ? 1 : 0;

            Assert.Equal(Verdict(answer.ToArray(), null), Verdict(answer, noted));
        }

        Assert.True(skeletons > 500, $"{skeletons} answers were read as a skeleton");
    }

    private static byte[] Answer(Random random)
    {
        var indent = random.Next(3) == 0 ? "\n  " : "";
        var artifacts = Enumerable.Range(0, 1 + random.Next(4)).Select(i =>
        {
            var bytes = new byte[random.Next(4) == 0 ? random.Next(30) : Long * 3 / 4 - 3 + random.Next(2000)];
            random.NextBytes(bytes);
            var reason = random.Next(4) == 0 ? "CONTENT_FILTERED" : "SUCCESS";
            return $$"""{{{indent}}"base64": "{{Convert.ToBase64String(bytes)}}",{{indent}}"finishReason":"{{reason}}","seed":{{i}}}""";
        });
        return Encoding.UTF8.GetBytes($"[{indent}{string.Join("," + indent, artifacts)}]");
    }

    private static string Verdict(byte[] answer, NonBase64Bytes? noted)
    {
        try
        {
            return string.Join("\n", SdxlTranslator.ReadArtifacts(answer, noted).Select(image =>
                (image.ContentFiltered ? "filtered " : "") + (image.Body.IsBase64
                    ? "text " + Encoding.UTF8.GetString(image.Body.Text.Span)
                    : "decoded " + Convert.ToBase64String(image.Body.Decoded.Span))));
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            return $"{exception.GetType().Name}: {exception.Message}";
        }
    }
}
