using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;

namespace ImageAdapter.Translation;

/// <summary>
/// A Kontext submit body with its input image: <c>{"input_image":"&lt;base64&gt;",</c> then the rest of the JSON the
/// translator made. The base64 is encoded in small chunks as the body is sent, so the <c>n</c> submits of one request
/// share the one copy of the image bytes, and no base64 string a third larger than the image is ever held.
/// </summary>
internal sealed class InputImageJsonContent : HttpContent
{
    private const int ChunkBytes = 48 * 1024; // a multiple of 3: every chunk but the last encodes without padding

    private static ReadOnlySpan<byte> Opening => "{\"input_image\":\""u8;

    private static ReadOnlySpan<byte> Separator => "\","u8;

    private readonly byte[] _json;
    private readonly ReadOnlyMemory<byte> _image;

    /// <param name="json">The rest of the body: a JSON object with at least one field.</param>
    /// <param name="image">The input image's bytes.</param>
    public InputImageJsonContent(byte[] json, ReadOnlyMemory<byte> image)
    {
        if (json is not [(byte)'{', _, .., (byte)'}'] || json[1] == (byte)'}')
        {
            throw new ArgumentException("Expected a JSON object with at least one field.", nameof(json));
        }

        (_json, _image) = (json, image);
        Headers.ContentType = new MediaTypeHeaderValue(FireworksPaths.Json);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Opening.ToArray(), cancellationToken);
        var encoded = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(ChunkBytes));
        try
        {
            for (var offset = 0; offset < _image.Length; offset += ChunkBytes)
            {
                var chunk = _image.Span.Slice(offset, Math.Min(ChunkBytes, _image.Length - offset));
                Base64.EncodeToUtf8(chunk, encoded, out _, out var written);
                await stream.WriteAsync(encoded.AsMemory(0, written), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(encoded);
        }

        await stream.WriteAsync(Separator.ToArray(), cancellationToken);
        await stream.WriteAsync(_json.AsMemory(1), cancellationToken);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = Opening.Length + Base64.GetMaxEncodedToUtf8Length(_image.Length) + Separator.Length + _json.Length - 1;
        return true;
    }
}
