namespace ImageAdapter.Catalogue;

/// <summary>
/// How Fireworks bills one model: per denoising step of each image (FLUX, SDXL-class), or per image (Kontext).
/// </summary>
/// <param name="Unit">What one <paramref name="Usd"/> buys.</param>
/// <param name="Usd">USD per step or per image.</param>
/// <param name="DefaultSteps">Per step: the steps Fireworks takes when the request sends none.</param>
public sealed record ModelPrice(PriceUnit Unit, decimal Usd, int DefaultSteps = 0)
{
    public static ModelPrice PerStep(decimal usd, int defaultSteps) => new(PriceUnit.Step, usd, defaultSteps);

    public static ModelPrice PerImage(decimal usd) => new(PriceUnit.Image, usd);

    /// <summary>What <paramref name="images"/> images cost with <paramref name="steps"/> each (null: the default).</summary>
    public decimal CostUsd(int images, int? steps) => images * Usd * (Unit == PriceUnit.Step ? steps ?? DefaultSteps : 1);
}

/// <summary>What a model's price is counted in.</summary>
public enum PriceUnit
{
    /// <summary>One denoising step of one image.</summary>
    Step,

    /// <summary>One image, whatever it took.</summary>
    Image,
}
