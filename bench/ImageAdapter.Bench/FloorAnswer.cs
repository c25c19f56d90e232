using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace ImageAdapter.Bench;

/// <summary>
/// The floor's OpenAI answer, <c>{"created":…,"data":[{"b64_json":"…"}],"output_format":"png"}</c>, written into the
/// response body piece by piece with its Content-Length known up front, so the answer is never held whole.
/// </summary>
internal static class FloorAnswer
{
    /// <summary>
    /// Base64 text per flush, as the adapter sends it (<c>ImagesResponseResult.Base64ChunkBytes</c>): 64 KiB would fill
    /// Kestrel's response buffer at every flush and wait for the socket each time.
    /// </summary>
    private const int Base64ChunkBytes = 48 * 1024;

    /// <summary>Image bytes encoded per write: a multiple of 3, so no chunk but the last needs padding.</summary>
    private const int ChunkBytes = Base64ChunkBytes / 4 * 3;

    private static ReadOnlySpan<byte> Separator => "\"},{\"b64_json\":\""u8;

    private static ReadOnlySpan<byte> Closing => "\"}],\"output_format\":\"png\"}"u8;

    /// <summary>One binary PNG, base64-encoded chunk by chunk into the response's own buffers.</summary>
    public static async Task WriteImageAsync(HttpResponse response, ReadOnlyMemory<byte> png, CancellationToken cancel)
    {
        var opening = Opening();
        response.ContentLength = opening.Length + Base64.GetMaxEncodedToUtf8Length(png.Length) + Closing.Length;
        var body = response.BodyWriter;
        body.Write(opening);
        for (var offset = 0; offset < png.Length; offset += ChunkBytes)
        {
            Encode(body, png.Span.Slice(offset, Math.Min(ChunkBytes, png.Length - offset)));
            await body.FlushAsync(cancel);
        }

        body.Write(Closing);
        await body.FlushAsync(cancel);
    }

    /// <summary>SDXL's JSON array of artifacts: each <c>base64</c> is already what <c>b64_json</c> holds, so it is copied through.</summary>
    public static async Task WriteArtifactsAsync(HttpResponse response, ReadOnlyMemory<byte> json, CancellationToken cancel)
    {
        var images = Base64Ranges(json.Span);
        var opening = Opening();
        response.ContentLength = opening.Length + images.Sum(r => r.GetOffsetAndLength(json.Length).Length)
            + Math.Max(0, images.Count - 1) * Separator.Length + Closing.Length;
        var body = response.BodyWriter;
        body.Write(opening);
        for (var i = 0; i < images.Count; i++)
        {
            if (i > 0)
            {
                body.Write(Separator);
            }

            var image = json[images[i]];
            for (var offset = 0; offset < image.Length; offset += Base64ChunkBytes)
            {
                body.Write(image.Span.Slice(offset, Math.Min(Base64ChunkBytes, image.Length - offset)));
                await body.FlushAsync(cancel);
            }
        }

        body.Write(Closing);
        await body.FlushAsync(cancel);
    }

    private static byte[] Opening() =>
        Encoding.UTF8.GetBytes($"{{\"created\":{DateTimeOffset.UtcNow.ToUnixTimeSeconds()},\"data\":[{{\"b64_json\":\"");

    private static void Encode(PipeWriter body, ReadOnlySpan<byte> chunk)
    {
        Base64.EncodeToUtf8(chunk, body.GetSpan(Base64.GetMaxEncodedToUtf8Length(chunk.Length)), out _, out var written);
        body.Advance(written);
    }

    /// <summary>Where each artifact's <c>base64</c> string lies in the answer, without its quotes.</summary>
    private static List<Range> Base64Ranges(ReadOnlySpan<byte> json)
    {
        var ranges = new List<Range>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("base64"u8) && reader.Read())
            {
                // The simulator writes base64 unescaped, so the JSON string is the base64 itself; an escaped one would need
                // unescaping, which the floor refuses rather than copy through wrong.
                if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                {
                    throw new JsonException("An artifact's base64 is not a plain JSON string.");
                }

                var start = (int)reader.TokenStartIndex + 1;
                ranges.Add(start..(start + reader.ValueSpan.Length));
            }
        }

        return ranges;
    }
}
