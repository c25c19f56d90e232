using System.Globalization;
using System.Text.RegularExpressions;

namespace ImageAdapter.Validation;

/// <summary>
/// Pure rules that turn an OpenAI <c>size</c> into what each Fireworks family takes. Nothing is clamped: a size a
/// family cannot honour is refused with the list of what it can.
/// </summary>
internal static partial class SizeRules
{
    /// <summary>The SDXL buckets the <c>image_generation</c> models accept (1024x1024 is their default).</summary>
    public static IReadOnlyList<ImageSize> SdxlSizes { get; } =
    [
        new(640, 1536), new(768, 1344), new(832, 1216), new(896, 1152), new(1024, 1024),
        new(1152, 896), new(1216, 832), new(1344, 768), new(1536, 640),
    ];

    /// <summary>The aspect ratios the FLUX workflows accept.</summary>
    public static IReadOnlyList<string> FluxAspectRatios { get; } =
        ["1:1", "21:9", "16:9", "3:2", "5:4", "4:5", "2:3", "9:16", "9:21", "4:3", "3:4"];

    /// <summary>A size maps to a FLUX ratio only when its own ratio is within 5% of it.</summary>
    public const double FluxRatioTolerance = 0.05;

    private const double KontextWidest = 21.0 / 9.0;

    [GeneratedRegex(@"^([1-9][0-9]{0,4})x([1-9][0-9]{0,4})\z", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"^([1-9][0-9]{0,4}):([1-9][0-9]{0,4})\z", RegexOptions.CultureInvariant)]
    private static partial Regex RatioPattern();

    public static ImageSize? ParseSize(string text) => Parse(SizePattern(), text, (w, h) => new ImageSize(w, h));

    public static bool IsSdxlSize(ImageSize size) => SdxlSizes.Contains(size);

    /// <summary>The FLUX ratio nearest to <paramref name="size"/> (compared on a log scale), or null when none is within tolerance.</summary>
    public static string? NearestFluxRatio(ImageSize size)
    {
        var wanted = Math.Log((double)size.Width / size.Height);
        var (ratio, distance) = FluxAspectRatios
            .Select(r => (Ratio: r, Distance: Math.Abs(Math.Log(RatioValue(r)) - wanted)))
            .MinBy(candidate => candidate.Distance);
        return distance <= Math.Log(1 + FluxRatioTolerance) ? ratio : null;
    }

    /// <summary><paramref name="size"/> reduced to lowest terms as <c>W:H</c>, or null outside 21:9..9:21.</summary>
    public static string? KontextRatio(ImageSize size)
    {
        var divisor = GreatestCommonDivisor(size.Width, size.Height);
        var ratio = $"{size.Width / divisor}:{size.Height / divisor}";
        return IsKontextRatio(ratio) ? ratio : null;
    }

    public static bool IsKontextRatio(string ratio)
    {
        var value = Parse(RatioPattern(), ratio, (w, h) => (double?)w / h);
        return value is >= 1 / KontextWidest - 1e-9 and <= KontextWidest + 1e-9;
    }

    private static double RatioValue(string ratio)
    {
        var parts = ratio.Split(':');
        return double.Parse(parts[0], CultureInfo.InvariantCulture) / double.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    private static T? Parse<T>(Regex pattern, string text, Func<int, int, T> create)
    {
        var match = pattern.Match(text);
        return match.Success
            ? create(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : default;
    }

    private static int GreatestCommonDivisor(int a, int b) => b == 0 ? a : GreatestCommonDivisor(b, a % b);
}
