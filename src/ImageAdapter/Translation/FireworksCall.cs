namespace ImageAdapter.Translation;

/// <summary>One HTTP call to Fireworks, as pure data: what a translator produces and the client sends.</summary>
/// <param name="Path">Path relative to <c>Fireworks__BaseUrl</c>, e.g. <c>workflows/accounts/fireworks/models/x/text_to_image</c>.</param>
/// <param name="Accept">The <c>Accept</c> header, which picks binary or JSON answers.</param>
/// <param name="Body">The JSON body, UTF-8.</param>
/// <param name="Headers">Further request headers (e.g. <c>Jpeg-Quality</c>).</param>
/// <param name="Images">How many images the answer holds; it bounds the answer's size.</param>
internal sealed record FireworksCall(string Path, string Accept, byte[] Body, IReadOnlyDictionary<string, string> Headers, int Images = 1)
{
    public static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();
}

/// <summary>A successful (2xx) Fireworks answer.</summary>
internal sealed record FireworksResponse(string? ContentType, string? FinishReason, byte[] Body);

/// <summary>One image as Fireworks returned it, before the adapter checks and reports it.</summary>
internal sealed record GeneratedImage(byte[] Bytes, bool ContentFiltered);
