using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using ImageAdapter.Contract;
using Microsoft.AspNetCore.Http;

namespace ImageAdapter.Http;

/// <summary>
/// Writes an <see cref="ImagesResponse"/> straight into the response as it would serialize, but with each image's
/// base64 encoded a chunk at a time and sent as it is made. Serializing the record whole would first build the entire
/// answer (2.2 MB for one 1.65 MB PNG) in one buffer; this holds one chunk. The images were checked before the
/// status line goes out, so a client never gets a 200 with a bad image. The answer has a <c>Content-Length</c>, not
/// chunked framing: its length is known before the first byte (<see cref="LengthAsync"/>).
/// </summary>
internal sealed class ImagesResponseResult(ImagesResponse response) : IResult
{
    // A multiple of 3, so that only the last chunk of an image has base64 padding; 64 KiB of base64 per chunk.
    private const int ChunkBytes = 48 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext.Response;
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = "application/json; charset=utf-8";
        http.ContentLength = await LengthAsync(response);
        await WriteAsync(response, http.BodyWriter, httpContext.RequestAborted);
    }

    /// <summary>
    /// The answer's length: the JSON around the images, written once with every image empty (a few hundred bytes),
    /// plus each image's base64, whose length follows from its byte count. Base64 is never escaped.
    /// </summary>
    private static async Task<long> LengthAsync(ImagesResponse response)
    {
        var envelope = response with
        {
            Data = [.. response.Data.Select(image => image.B64Json is null ? image : image with { B64Json = ReadOnlyMemory<byte>.Empty })],
        };
        using var measured = new MemoryStream();
        await WriteAsync(envelope, PipeWriter.Create(measured), CancellationToken.None);
        return measured.Length + response.Data.Sum(image => image.B64Json is { } bytes ? Base64.GetMaxEncodedToUtf8Length(bytes.Length) : 0L);
    }

    private static async Task WriteAsync(ImagesResponse response, PipeWriter body, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(body, WriterOptions);
        writer.WriteStartObject();
        writer.WriteNumber("created", response.Created);
        writer.WriteStartArray("data");
        foreach (var image in response.Data)
        {
            writer.WriteStartObject();
            if (image.B64Json is { } bytes)
            {
                writer.WritePropertyName("b64_json");
                for (var offset = 0; ; offset += ChunkBytes)
                {
                    var chunk = bytes.Slice(offset, Math.Min(ChunkBytes, bytes.Length - offset));
                    var last = offset + chunk.Length == bytes.Length;
                    writer.WriteBase64StringSegment(chunk.Span, last);
                    writer.Flush();
                    if (last)
                    {
                        break;
                    }

                    await body.FlushAsync(cancellationToken);
                }
            }

            if (image.Url is { } url)
            {
                writer.WriteString("url", url);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("output_format", response.OutputFormat);
        if (response.Size is { } size)
        {
            writer.WriteString("size", size);
        }

        writer.WritePropertyName("usage");
        JsonSerializer.Serialize(writer, response.Usage, OpenAIJsonContext.Responses.ImageUsage);
        writer.WriteEndObject();
        writer.Flush();
        await body.FlushAsync(cancellationToken);
    }
}
