using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using ImageAdapter.Contract;
using ImageAdapter.Imaging;
using Microsoft.AspNetCore.Http;

namespace ImageAdapter.Http;

/// <summary>
/// Writes an <see cref="ImagesResponse"/> straight into the response as it would serialize, but with each image's
/// base64 encoded (or, when Fireworks sent base64, copied) a chunk at a time and sent as it is made. Serializing the
/// record whole would first build the entire answer (2.2 MB for one 1.65 MB PNG) in one buffer; this holds one chunk.
/// The images were checked before the status line goes out, so a client never gets a 200 with a bad image. The answer
/// has a <c>Content-Length</c>, not chunked framing: its length is known before the first byte (<see cref="LengthAsync"/>).
/// </summary>
internal sealed class ImagesResponseResult(ImagesResponse response) : IResult
{
    /// <summary>
    /// Base64 text sent per flush. Kestrel holds a response's writer once 64 KiB is unsent (its default
    /// <c>MaxResponseBufferSize</c>). Flushes of exactly 64 KiB (or 16 or 32) each reach that mark, so every one waits for
    /// the socket: one send and one thread-pool hop per 64 KiB. With 48 KiB a flush often passes while the socket takes
    /// the one before, and a wait comes at 96 KiB, which goes out in one send: fewer sends and far fewer waits
    /// (bench/README, "Flush size").
    /// </summary>
    public const int Base64ChunkBytes = 48 * 1024;

    // The image bytes that encode to one chunk: a multiple of 3, so that only an image's last chunk has base64 padding.
    private const int ChunkBytes = Base64ChunkBytes / 4 * 3;

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
            Data = [.. response.Data.Select(image => image.B64Json is null ? image : image with { B64Json = ImageBody.Empty })],
        };
        using var measured = new MemoryStream();
        await WriteAsync(envelope, PipeWriter.Create(measured), CancellationToken.None);
        return measured.Length + response.Data.Sum(image => image.B64Json is { } body ? body.Base64Length : 0L);
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
            if (image.B64Json is { } image64)
            {
                writer.WritePropertyName("b64_json");
                await WriteBase64Async(writer, image64, body, cancellationToken);
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

    // Base64 text Fireworks sent is copied through as it is; bytes are encoded. Either way a chunk at a time.
    private static async Task WriteBase64Async(Utf8JsonWriter writer, ImageBody image, PipeWriter body, CancellationToken cancellationToken)
    {
        var source = image.IsBase64 ? image.Text : image.Decoded;
        var chunkBytes = image.IsBase64 ? Base64ChunkBytes : ChunkBytes;
        for (var offset = 0; ; offset += chunkBytes)
        {
            var chunk = source.Slice(offset, Math.Min(chunkBytes, source.Length - offset)).Span;
            var last = offset + chunk.Length == source.Length;
            if (image.IsBase64)
            {
                writer.WriteStringValueSegment(chunk, last);
            }
            else
            {
                writer.WriteBase64StringSegment(chunk, last);
            }

            writer.Flush();
            if (last)
            {
                return;
            }

            await body.FlushAsync(cancellationToken);
        }
    }
}
