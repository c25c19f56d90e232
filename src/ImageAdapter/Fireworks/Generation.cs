using ImageAdapter.Contract;
using ImageAdapter.Validation;

namespace ImageAdapter.Fireworks;

/// <summary>The checked outcome of one request: whole PNG/JPEG images with their real format and size, and the usage they count.</summary>
internal sealed record Generation(IReadOnlyList<CheckedImage> Images, ImageUsage Usage);

/// <summary>One image Fireworks returned, verified to be a whole PNG or JPEG.</summary>
internal sealed record CheckedImage(byte[] Bytes, ImageFormat Format, ImageSize Size);
