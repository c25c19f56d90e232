using ImageAdapter.Imaging;

namespace ImageAdapter.Translation;

/// <summary>One HTTP call to Fireworks, as pure data: what a translator produces and the client sends.</summary>
/// <param name="Path">Path relative to <c>Fireworks__BaseUrl</c>, e.g. <c>workflows/accounts/fireworks/models/x/text_to_image</c>.</param>
/// <param name="Accept">The <c>Accept</c> header, which picks binary or JSON answers.</param>
/// <param name="Body">The JSON body, UTF-8.</param>
/// <param name="Headers">Further request headers (e.g. <c>Jpeg-Quality</c>).</param>
/// <param name="Images">How many images the answer holds; it bounds the answer's size.</param>
/// <param name="InputImage">Image bytes sent as the body's <c>input_image</c>, in base64 (Kontext edits); empty for none.</param>
internal sealed record FireworksCall(
    string Path, string Accept, byte[] Body, IReadOnlyDictionary<string, string> Headers, int Images = 1, ReadOnlyMemory<byte> InputImage = default)
{
    public static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    /// <summary>The request body, made anew for every attempt.</summary>
    public HttpContent CreateContent()
    {
        if (!InputImage.IsEmpty)
        {
            return new InputImageJsonContent(Body, InputImage);
        }

        var content = new ByteArrayContent(Body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(FireworksPaths.Json);
        return content;
    }
}

/// <summary>A successful (2xx) Fireworks answer.</summary>
/// <remarks>
/// <see cref="Body"/> is the request's own buffer: a reader may decode images in place in it. <see cref="Noted"/> is
/// what was noted of a JSON body as it was read; it holds for a string only while the string's bytes are unchanged
/// (decoding one artifact in place writes over that artifact alone).
/// </remarks>
internal sealed record FireworksResponse(string? ContentType, string? FinishReason, Memory<byte> Body, NonBase64Bytes? Noted = null);

/// <summary>One image as Fireworks returned it, before the adapter checks and reports it.</summary>
internal sealed record GeneratedImage(ImageBody Body, bool ContentFiltered);
