using System.Globalization;
using ImageAdapter.Contract;
using ImageAdapter.Imaging;
using ImageAdapter.Validation;

namespace ImageAdapter.Fireworks;

/// <summary>
/// The checked outcome of one request: whole PNG/JPEG images with their real format and size, the usage they count, and
/// what Fireworks bills for them (null when the model has no price). The response header, the metric, the span and, in
/// <c>Usage__Mode=cost</c>, the usage all read this one <see cref="CostUsd"/>.
/// </summary>
internal sealed record Generation(IReadOnlyList<CheckedImage> Images, ImageUsage Usage, decimal? CostUsd)
{
    /// <summary>Response header with <see cref="CostUsd"/>; left out when the cost is unknown.</summary>
    public const string CostHeader = "x-fireworks-cost-usd";

    /// <summary><see cref="CostUsd"/> as the header gives it (invariant culture, up to 12 decimals, <c>0.0014</c>), or null.</summary>
    public string? CostHeaderValue => CostUsd?.ToString("0.############", CultureInfo.InvariantCulture);
}

/// <summary>One image Fireworks returned, verified to be a whole PNG or JPEG.</summary>
internal sealed record CheckedImage(ImageBody Body, ImageFormat Format, ImageSize Size);
