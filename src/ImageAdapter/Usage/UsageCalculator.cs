using ImageAdapter.Contract;
using ImageAdapter.Validation;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Usage;

/// <summary>
/// Text tokens: prompt and negative prompt characters / <see cref="UsageOptions.CharactersPerToken"/>, rounded up.
/// Image tokens (an edit's input image): its pixels / <see cref="UsageOptions.PixelsPerOutputToken"/>, rounded up; an
/// image given by URL, which the adapter never fetches, counts as <see cref="UrlImagePixels"/>. Input tokens: the two
/// together. Output tokens: for each image, its pixels / <see cref="UsageOptions.PixelsPerOutputToken"/>, rounded up.
/// </summary>
internal sealed class UsageCalculator(IOptions<UsageOptions> options)
{
    /// <summary>What an input image given by URL counts as: one megapixel, about what Kontext works at.</summary>
    public const long UrlImagePixels = 1024 * 1024;

    public ImageUsage Calculate(ImageGenerationRequest request, IEnumerable<ImageSize> images)
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
        var output = images.Sum(size => CeilingDivide((long)size.Width * size.Height, settings.PixelsPerOutputToken));
        return new ImageUsage(text + image, output, text + image + output, new InputTokensDetails(TextTokens: text, ImageTokens: image));
    }

    private static int CeilingDivide(long value, int divisor) => checked((int)((value + divisor - 1) / divisor));
}
