using ImageAdapter.Contract;
using ImageAdapter.Validation;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Usage;

/// <summary>
/// Text tokens: prompt and negative prompt characters / <see cref="UsageOptions.CharactersPerToken"/>, rounded up.
/// Image tokens (an edit's input image): its pixels / <see cref="UsageOptions.PixelsPerOutputToken"/>, rounded up; an
/// image given by URL, which the adapter never fetches, counts as <see cref="UrlImagePixels"/>. Input tokens: the two
/// together. Output tokens: for each image, its pixels / <see cref="UsageOptions.PixelsPerOutputToken"/>, rounded up;
/// in <see cref="UsageMode.Cost"/> mode, the request's cost in micro-dollars, rounded up, when the cost is known.
/// </summary>
internal sealed class UsageCalculator(IOptions<UsageOptions> options)
{
    /// <summary>What an input image given by URL counts as: one megapixel, about what Kontext works at.</summary>
    public const long UrlImagePixels = 1024 * 1024;

    private const decimal MicroDollarsPerDollar = 1_000_000m;

    /// <summary>
    /// What Fireworks bills for <paramref name="images"/> images of <paramref name="request"/>: the model's price with
    /// the steps sent (the client's, else the model's default); null when the model has no price.
    /// </summary>
    public static decimal? CostUsd(ImageGenerationRequest request, int images) => request.Model.Price?.CostUsd(images, request.Extras.Steps);

    /// <param name="costUsd">The request's cost (<see cref="CostUsd"/>); null when unknown.</param>
    public ImageUsage Calculate(ImageGenerationRequest request, IEnumerable<ImageSize> images, decimal? costUsd = null)
    {
        var settings = options.Value;
        var characters = request.Prompt.Length + (request.Extras.NegativePrompt?.Length ?? 0);
        var text = CeilingDivide(characters, settings.CharactersPerToken);
        var image = request.InputImage switch
        {
            null => 0,
            { Size: { } size } => CeilingDivide((long)size.Width * size.Height, settings.PixelsPerOutputToken),
            _ => CeilingDivide(UrlImagePixels, settings.PixelsPerOutputToken),
        };
        var output = settings.Mode == UsageMode.Cost && costUsd is { } cost
            ? checked((int)decimal.Ceiling(cost * MicroDollarsPerDollar))
            : images.Sum(size => CeilingDivide((long)size.Width * size.Height, settings.PixelsPerOutputToken));
        return new ImageUsage(text + image, output, text + image + output, new InputTokensDetails(TextTokens: text, ImageTokens: image));
    }

    private static int CeilingDivide(long value, int divisor) => checked((int)((value + divisor - 1) / divisor));
}
