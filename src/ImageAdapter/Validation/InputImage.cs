namespace ImageAdapter.Validation;

/// <summary>
/// The image a Kontext edit starts from: either bytes the client sent (a multipart file, or a <c>data:</c> URL in
/// JSON), which the adapter checks and forwards as base64, or an <c>https</c> URL, which Fireworks fetches itself and
/// the adapter never does. <see cref="Size"/> is known for bytes only, once the validator has read the image's header.
/// </summary>
internal sealed record InputImage(ReadOnlyMemory<byte> Bytes, Uri? Url)
{
    public ImageSize? Size { get; init; }

    public static InputImage FromBytes(ReadOnlyMemory<byte> bytes) => new(bytes, null);

    public static InputImage FromUrl(Uri url) => new(ReadOnlyMemory<byte>.Empty, url);
}
