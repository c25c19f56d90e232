using ImageAdapter.Contract;
using ImageAdapter.Errors;
using ImageAdapter.Imaging;
using ImageAdapter.Translation;
using ImageAdapter.Usage;
using ImageAdapter.Validation;

namespace ImageAdapter.Http;

/// <summary>
/// Turns Fireworks' images into the OpenAI <c>ImagesResponse</c>: refuses filtered content, checks every body is a
/// PNG or JPEG, and reports the real format and size of what was generated.
/// </summary>
internal sealed class ImageResponseBuilder(IImageStore store, UsageCalculator usage, TimeProvider time)
{
    /// <summary>The sizes the OpenAI schema allows in <c>ImagesResponse.size</c>; any other real size goes in <see cref="SizeHeader"/> only.</summary>
    private static readonly string[] SchemaSizes = ["1024x1024", "1024x1536", "1536x1024"];

    public const string SizeHeader = "x-image-size";

    public async Task<(ImagesResponse Response, string RealSize)> BuildAsync(
        ImageGenerationRequest request, IReadOnlyList<GeneratedImage> images, CancellationToken cancellationToken)
    {
        if (images.Any(image => image.ContentFiltered))
        {
            throw new AdapterException(AdapterErrorKind.ContentPolicyViolation, "Your request was rejected by Fireworks' safety system.");
        }

        var inspected = images.Select(image => ImageInspector.Inspect(image.Bytes)
                ?? throw new AdapterException(AdapterErrorKind.UpstreamInvalidResponse, "Fireworks returned something that is not a PNG or JPEG image."))
            .ToArray();
        var data = new ImageData[images.Count];
        for (var index = 0; index < images.Count; index++)
        {
            data[index] = request.ResponseFormat == ResponseFormat.Url
                ? new ImageData(null, (await store.StoreAsync(images[index].Bytes, inspected[index].Format, cancellationToken)).AbsoluteUri)
                : new ImageData(images[index].Bytes);
        }

        var realSize = string.Join(",", inspected.Select(image => image.Size.ToString()).Distinct());
        var response = new ImagesResponse(
            time.GetUtcNow().ToUnixTimeSeconds(),
            data,
            FireworksPaths.Name(inspected[0].Format),
            SchemaSizes.Contains(realSize) ? realSize : null,
            usage.Calculate(request, inspected.Select(image => image.Size)));
        return (response, realSize);
    }
}
