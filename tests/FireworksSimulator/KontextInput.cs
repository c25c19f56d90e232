namespace FireworksSimulator;

/// <summary>The input image of one accepted Kontext submit, as the simulator read it.</summary>
/// <param name="Url">The URL exactly as sent when <paramref name="Source"/> is <see cref="KontextInputSource.Url"/>; otherwise null.</param>
/// <param name="Format">From the bytes' signature, whatever a data URI or a server claimed: <c>png</c>, <c>jpeg</c> or <c>webp</c>.</param>
/// <param name="Width">Width in pixels, from the image header.</param>
/// <param name="Height">Height in pixels, from the image header.</param>
/// <param name="Bytes">Length of the decoded or downloaded image.</param>
/// <param name="Sha256">SHA-256 of those bytes, lowercase hex.</param>
public sealed record KontextInput(
    KontextInputSource Source,
    string? Url,
    string Format,
    int Width,
    int Height,
    int Bytes,
    string Sha256);
