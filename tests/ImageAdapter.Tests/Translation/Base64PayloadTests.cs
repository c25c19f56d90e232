using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ImageAdapter.Imaging;
using ImageAdapter.Resilience;
using ImageAdapter.Tests.Imaging;
using ImageAdapter.Translation;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Translation;

/// <summary>
/// The SDXL artifacts' base64 is read straight from the UTF-8 JSON, kept as text when canonical and decoded in place
/// otherwise; it must accept exactly what <see cref="Convert.FromBase64String"/> accepted when it went through a string.
/// </summary>
public sealed class Base64PayloadTests
{
    public static TheoryData<string, byte[]> Decodable => new()
    {
        { "AQID", [1, 2, 3] },
        { "AQI=", [1, 2] },
        { "AQ==", [1] },
        { "", [] },
        { "data:image/png;base64,AQID", [1, 2, 3] },
        { "data:image/jpeg;base64,AQ==", [1] },
        { @"\/w==", [0xFF] },            // an escaped solidus, as some JSON writers emit it
        { @"AQ\u0049D", [1, 2, 3] },     // any other escape
        { "AQ ID", [1, 2, 3] },          // whitespace, which Convert.FromBase64String ignores
        { @"AQ\nID\r\n", [1, 2, 3] },
    };

    // Fireworks' answers are noted as they are read (NonBase64Bytes): the notes must judge every text as it is judged
    // without them.
    [Theory]
    [MemberData(nameof(Decodable))]
    public void ReadArtifacts_Base64Variant_DecodesLikeConvertNotedOrNot(string base64, byte[] expected)
    {
        var json = Artifacts(base64);
        var noted = NonBase64BytesTests.Note(json, readBytes: 5);

        Assert.Equal(expected, SdxlTranslator.ReadArtifacts(json.ToArray())[0].Body.Decode());
        Assert.Equal(expected, SdxlTranslator.ReadArtifacts(json, noted)[0].Body.Decode());
    }

    [Theory]
    [InlineData("AQI")]
    [InlineData("!!!!")]
    [InlineData("AQID=")]
    [InlineData("data:AQID")]
    [InlineData("AQIDAQ=D")]
    [InlineData("AQIDA===")]
    [InlineData("AQ!DAQID")]
    [InlineData("A    ")]          // noted, all but the last four characters are base64; the last four are only spaces
    [InlineData("AAA    ")]
    public void ReadArtifacts_NotBase64_ThrowsFormatExceptionNotedOrNot(string base64)
    {
        var json = Artifacts(base64);
        var noted = NonBase64BytesTests.Note(json, readBytes: 5);

        Assert.Throws<FormatException>(() => SdxlTranslator.ReadArtifacts(json.ToArray()));
        Assert.Throws<FormatException>(() => SdxlTranslator.ReadArtifacts(json, noted));
    }

    // Texts of every length, each with one byte changed or none: noted or not, the same image or the same refusal.
    [Fact]
    public void ReadArtifacts_NotedOrNot_SameVerdictForTextsWithOneByteChanged()
    {
        var random = new Random(8);
        byte[] changes = [(byte)'!', (byte)' ', (byte)'=', (byte)'-', (byte)'_', (byte)'.', (byte)'A'];
        for (var length = 0; length < 40; length++)
        {
            for (var trial = 0; trial < 20; trial++)
            {
                var text = Encoding.UTF8.GetBytes(Convert.ToBase64String(RandomBytes(length, seed: random.Next())));
                if (text.Length > 0 && trial > 0)
                {
                    text[random.Next(text.Length)] = changes[random.Next(changes.Length)];
                }

                var json = Encoding.UTF8.GetBytes($$"""[{"base64":"{{Encoding.UTF8.GetString(text)}}","seed":1}]""");
                var noted = NonBase64BytesTests.Note(json, readBytes: 1 + random.Next(16));

                Assert.Equal(Verdict(json.ToArray(), null), Verdict(json, noted));
            }
        }

        static string Verdict(byte[] json, NonBase64Bytes? noted)
        {
            ImageBody body;
            try
            {
                body = SdxlTranslator.ReadArtifacts(json, noted)[0].Body;
            }
            catch (FormatException)
            {
                return "refused";
            }

            return body.IsBase64 ? $"kept as text {Encoding.UTF8.GetString(body.Text.Span)}" : $"decoded {Convert.ToBase64String(body.Decoded.Span)}";
        }
    }

    // The notes are the check: the text they vouch for is not read again (that read cost an n=4 request 1–2 ms of CPU).
    // Here the text changes after it was noted, which no answer can do, to show that only its last quad is read.
    [Theory]
    [InlineData("")]
    [InlineData("data:image/png;base64,")]
    public void ReadArtifacts_Noted_TextBeforeTheLastQuadNotReadAgain(string prefix)
    {
        var json = Artifacts(prefix + "AQIDAQID");
        var noted = NonBase64BytesTests.Note(json, readBytes: 4096);
        json[json.AsSpan().IndexOf("AQID"u8)] = (byte)'!';

        var body = SdxlTranslator.ReadArtifacts(json, noted)[0].Body;

        Assert.True(body.IsBase64);
        Assert.Equal("!QIDAQID", Encoding.UTF8.GetString(body.Text.Span));
    }

    [Theory]
    [InlineData("""[{"base64":null,"finishReason":"SUCCESS"}]""")]
    [InlineData("""[{"finishReason":"SUCCESS"}]""")]
    [InlineData("""[{"base64":42,"finishReason":"SUCCESS"}]""")]
    public void ReadArtifacts_NoBase64String_ThrowsJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => SdxlTranslator.ReadArtifacts(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void ReadArtifacts_LargeImages_DecodeToTheSameBytes()
    {
        var first = RandomBytes(1_650_001, seed: 1);
        var second = RandomBytes(1_650_002, seed: 2);
        var json = $$"""[{"base64":"{{Convert.ToBase64String(first)}}","finishReason":"SUCCESS","seed":1},""" +
            $$"""{"base64":"data:image/png;base64,{{Convert.ToBase64String(second)}}","finishReason":"SUCCESS","seed":2}]""";

        var images = SdxlTranslator.ReadArtifacts(Encoding.UTF8.GetBytes(json));

        Assert.Equal(first, images[0].Body.Decode());
        Assert.Equal(second, images[1].Body.Decode());
    }

    // The point of decoding from UTF-8 into the pool: canonical base64 costs no UTF-16 copy of the text, and in a
    // request (its budget reservation open) no image-sized array once the pool holds one of that size.
    // 300 000, 300 001 and 300 002 bytes end in no padding, "==" and "=".
    [Theory]
    [InlineData(300_000, "")]
    [InlineData(300_001, "")]
    [InlineData(300_002, "data:image/png;base64,")]
    public Task Decode_InARequest_AllocatesNothingImageSized(int length, string prefix) => Task.Run(() =>
    {
        // On its own thread pool work item: the reservations opened here do not flow back into the test runner.
        var image = RandomBytes(length, seed: length);
        var utf8 = Encoding.UTF8.GetBytes(prefix + Convert.ToBase64String(image));
        var budget = new ImageMemoryBudget(Options.Create(new AdapterOptions()));
        using (budget.Open())
        {
            Base64Payload.Decode(utf8); // the first request of this size fills the pool
        }

        using var reservation = budget.Open();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var decoded = Base64Payload.Decode(utf8);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(image, decoded.ToArray());
        Assert.InRange(allocated, 0, 1024);
    }, TestContext.Current.CancellationToken);

    // Outside a request nothing would give the pooled buffer back: the bytes are copied out, once.
    [Fact]
    public void Decode_OutsideARequest_AllocatesOnlyTheImage()
    {
        var image = RandomBytes(300_000, seed: 4);
        var utf8 = Encoding.UTF8.GetBytes(Convert.ToBase64String(image));
        Base64Payload.Decode(utf8); // warm up once, so the measurement holds no first-call costs

        var before = GC.GetAllocatedBytesForCurrentThread();
        var decoded = Base64Payload.Decode(utf8);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(image, decoded.ToArray());
        Assert.InRange(allocated, image.Length, image.Length + 1024);
    }

    // A reader over a multi-segment buffer (a response read in chunks) hands the string over in pieces.
    [Fact]
    public void Converter_StringSplitAcrossSegments_DecodesACopy()
    {
        var image = RandomBytes(3000, seed: 3);
        var json = Encoding.UTF8.GetBytes($"\"{Convert.ToBase64String(image)}\"");
        var reader = new Utf8JsonReader(Segments.Of(json[..1000], json[1000..2500], json[2500..]));
        reader.Read();

        var text = new Base64PayloadConverter().Read(ref reader, typeof(Base64Text), JsonSerializerOptions.Default);

        Assert.True(reader.HasValueSequence);
        Assert.Equal(image, text.Read(Memory<byte>.Empty).Decode().ToArray());
    }

    // An SDXL n=4 answer is 9 MB of JSON: canonical base64 stays where it is, for the answer to copy through, so the
    // request holds no second copy of its images, allocates nothing image-sized and neither decodes nor encodes them.
    [Fact]
    public void ReadArtifacts_Canonical_KeptAsTextInTheAnswerWithoutAllocating()
    {
        var first = RandomBytes(300_000, seed: 5);
        var second = RandomBytes(300_001, seed: 6);
        var json = Encoding.UTF8.GetBytes($$"""[{"base64":"{{Convert.ToBase64String(first)}}","finishReason":"SUCCESS","seed":1},""" +
            $$"""{"base64":"data:image/png;base64,{{Convert.ToBase64String(second)}}","finishReason":"SUCCESS","seed":2}]""");
        SdxlTranslator.ReadArtifacts(json.ToArray()); // warm up once, so the measurement holds no first-call costs

        var before = GC.GetAllocatedBytesForCurrentThread();
        var images = SdxlTranslator.ReadArtifacts(json);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal([Convert.ToBase64String(first), Convert.ToBase64String(second)], images.Select(image => Encoding.UTF8.GetString(image.Body.Text.Span)));
        Assert.Equal([first.Length, second.Length], images.Select(image => image.Body.Length));
        Assert.All(images, image => Assert.True(MemoryMarshal.TryGetArray(image.Body.Text, out var segment) && segment.Array == json));
        Assert.InRange(allocated, 0, 4096);
    }

    // Base64 with whitespace would reach the client as it is: it is decoded where it was instead, and the answer
    // encodes the bytes anew.
    [Fact]
    public void ReadArtifacts_Whitespace_DecodedInPlace()
    {
        var image = RandomBytes(3000, seed: 7);
        var base64 = Convert.ToBase64String(image, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", " ");
        var json = Encoding.UTF8.GetBytes($$"""[{"base64":"{{base64}}","finishReason":"SUCCESS","seed":1}]""");

        var body = SdxlTranslator.ReadArtifacts(json)[0].Body;

        Assert.False(body.IsBase64);
        Assert.Equal(image, body.Decoded.ToArray());
        Assert.True(MemoryMarshal.TryGetArray(body.Decoded, out var segment) && segment.Array == json);
    }

    private static byte[] Artifacts(string base64) =>
        Encoding.UTF8.GetBytes($$"""[{"base64":"{{base64}}","finishReason":"SUCCESS","seed":1}]""");

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
