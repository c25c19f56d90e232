using ImageAdapter.Contract;
using ImageAdapter.Fireworks;
using ImageAdapter.Translation;
using ImageAdapter.Validation;

namespace ImageAdapter.Http;

/// <summary>
/// Shapes checked images as the OpenAI <c>ImagesResponse</c>: base64 bytes or stored URLs, the real format, the size
/// when the schema allows it, and the usage.
/// </summary>
internal sealed class ImageResponseBuilder(IImageStore store, TimeProvider time)
{
    /// <summary>The sizes the OpenAI schema allows in <c>ImagesResponse.size</c>; any other real size goes in <see cref="SizeHeader"/> only.</summary>
    private static readonly string[] SchemaSizes = ["1024x1024", "1024x1536", "1536x1024"];

    public const string SizeHeader = "x-image-size";

    public async Task<(ImagesResponse Response, string RealSize)> BuildAsync(
        ImageGenerationRequest request, Generation generation, CancellationToken cancellationToken)
    {
        var images = generation.Images;
        var data = new ImageData[images.Count];
        for (var index = 0; index < images.Count; index++)
        {
            data[index] = request.ResponseFormat == ResponseFormat.Url
                ? new ImageData(null, (await store.StoreAsync(images[index].Body.Decode(), images[index].Format, cancellationToken)).AbsoluteUri)
                : new ImageData(images[index].Body);
        }

        var realSize = string.Join(",", images.Select(image => image.Size.ToString()).Distinct());
        var response = new ImagesResponse(
            time.GetUtcNow().ToUnixTimeSeconds(),
            data,
            FireworksPaths.Name(images[0].Format),
            SchemaSizes.Contains(realSize) ? realSize : null,
            generation.Usage);
        return (response, realSize);
    }

    /// <summary>
    /// The completed events of a stream, one per image. The first carries the request's whole usage and the others
    /// zeros, so that the events add up to the request's usage whatever rule computed it. <c>size</c> and
    /// <c>quality</c> must be one of OpenAI's values: the real size when it is one, else <c>auto</c>; the requested
    /// quality when it is one, else <c>auto</c>. Fireworks images are opaque.
    /// </summary>
    public IEnumerable<ImageCompletedEvent> BuildEvents(ImageGenerationRequest request, Generation generation, string type)
    {
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var quality = request.Quality is "low" or "medium" or "high" ? request.Quality : "auto";
        var noUsage = new ImageUsage(0, 0, 0, new InputTokensDetails(0, 0));
        return generation.Images.Select((image, index) => new ImageCompletedEvent(
            type,
            image.Body,
            created,
            SchemaSizes.Contains(image.Size.ToString()) ? image.Size.ToString() : "auto",
            quality,
            "opaque",
            FireworksPaths.Name(image.Format),
            index == 0 ? generation.Usage : noUsage));
    }
}
