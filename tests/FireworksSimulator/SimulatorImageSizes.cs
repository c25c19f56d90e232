using System.Globalization;

namespace FireworksSimulator;

/// <summary>
/// The sizes the simulator produces. FLUX and Kontext take an aspect ratio, not a size: the real
/// Flumina app targets about one megapixel (<c>TARGET_SIZE_MP = 1</c>) but its rounding is not
/// documented, so the simulator fixes one rule: for <c>W:H</c>,
/// <c>width = round(sqrt(2^20·W/H) / 16)·16</c> and <c>height = round(sqrt(2^20·H/W) / 16)·16</c>
/// (midpoints away from zero). 1:1 → 1024x1024, 16:9 → 1360x768, 21:9 → 1568x672.
/// </summary>
public static class SimulatorImageSizes
{
    private const double TargetPixels = 1 << 20;

    /// <summary>The nine SDXL sizes (width, height); any other pair is a 400.</summary>
    public static IReadOnlyList<(int Width, int Height)> SdxlSizes { get; } =
    [
        (640, 1536), (768, 1344), (832, 1216), (896, 1152), (1024, 1024),
        (1152, 896), (1216, 832), (1344, 768), (1536, 640),
    ];

    /// <summary>The FLUX <c>text_to_image</c> aspect-ratio enum; any other value is a 400.</summary>
    public static IReadOnlyList<string> FluxAspectRatios { get; } =
        ["1:1", "21:9", "16:9", "3:2", "5:4", "4:5", "2:3", "9:16", "9:21", "4:3", "3:4"];

    /// <summary>Image size for an aspect ratio of <paramref name="widthRatio"/>:<paramref name="heightRatio"/>.</summary>
    public static (int Width, int Height) ForAspectRatio(double widthRatio, double heightRatio)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthRatio);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightRatio);
        return (RoundTo16(Math.Sqrt(TargetPixels * widthRatio / heightRatio)),
                RoundTo16(Math.Sqrt(TargetPixels * heightRatio / widthRatio)));
    }

    /// <summary>Image size for a <c>W:H</c> string such as <c>16:9</c>.</summary>
    public static (int Width, int Height) ForAspectRatio(string aspectRatio) =>
        TryParseAspectRatio(aspectRatio, out var w, out var h)
            ? ForAspectRatio(w, h)
            : throw new FormatException($"'{aspectRatio}' is not a W:H aspect ratio.");

    /// <summary>Parses <c>W:H</c> with positive numbers (decimals allowed).</summary>
    public static bool TryParseAspectRatio(string? aspectRatio, out double width, out double height)
    {
        width = height = 0;
        var parts = aspectRatio?.Split(':');
        return parts is [var w, var h]
            && double.TryParse(w, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out width)
            && double.TryParse(h, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out height)
            && width > 0 && height > 0;
    }

    private static int RoundTo16(double value) => (int)Math.Round(value / 16, MidpointRounding.AwayFromZero) * 16;
}
