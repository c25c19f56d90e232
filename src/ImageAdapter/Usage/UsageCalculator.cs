using ImageAdapter.Contract;
using ImageAdapter.Validation;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Usage;

/// <summary>
/// Input tokens: prompt and negative prompt characters / <see cref="UsageOptions.CharactersPerToken"/>, rounded up
/// (no input images for generations). Output tokens: for each image, its pixels / <see cref="UsageOptions.PixelsPerOutputToken"/>,
/// rounded up.
/// </summary>
internal sealed class UsageCalculator(IOptions<UsageOptions> options)
{
    public ImageUsage Calculate(ImageGenerationRequest request, IEnumerable<ImageSize> images)
    {
        var settings = options.Value;
        var characters = request.Prompt.Length + (request.Extras.NegativePrompt?.Length ?? 0);
        var input = CeilingDivide(characters, settings.CharactersPerToken);
        var output = images.Sum(size => CeilingDivide((long)size.Width * size.Height, settings.PixelsPerOutputToken));
        return new ImageUsage(input, output, input + output, new InputTokensDetails(TextTokens: input, ImageTokens: 0));
    }

    private static int CeilingDivide(long value, int divisor) => checked((int)((value + divisor - 1) / divisor));
}
