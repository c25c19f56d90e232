namespace ImageAdapter.LiveCheck;

/// <summary>
/// What a call is estimated to cost, before it is made. Published Fireworks figures as third-party price pages quote
/// them (contract reference §1.5, to be checked against fireworks.ai/pricing); replace this file with the library's
/// price table once it has one (issue 11).
/// </summary>
internal static class PriceTable
{
    private static readonly Dictionary<string, (decimal PerStep, decimal PerImage)> Prices = new(StringComparer.Ordinal)
    {
        ["flux-1-schnell-fp8"] = (0.00035m, 0m),
        ["flux-1-dev-fp8"] = (0.0005m, 0m),
        ["stable-diffusion-xl-1024-v1-0"] = (0.00013m, 0m),
        ["flux-kontext-pro"] = (0m, 0.04m),
        ["flux-kontext-max"] = (0m, 0.08m),
    };

    /// <summary>Default steps when a request names none: FLUX schnell 4 and dev 28 (Fireworks' defaults), SDXL 50 (its client's).</summary>
    private static readonly Dictionary<string, int> DefaultSteps = new(StringComparer.Ordinal)
    {
        ["flux-1-schnell-fp8"] = 4,
        ["flux-1-dev-fp8"] = 28,
        ["stable-diffusion-xl-1024-v1-0"] = 50,
    };

    /// <summary>Estimated dollars for <paramref name="images"/> images of <paramref name="model"/>; a model not in the table is not billed (it cannot be served).</summary>
    public static decimal Estimate(string model, int? steps, int images = 1) =>
        Prices.TryGetValue(model, out var price)
            ? images * (price.PerImage + price.PerStep * (steps ?? DefaultSteps.GetValueOrDefault(model)))
            : 0m;
}
