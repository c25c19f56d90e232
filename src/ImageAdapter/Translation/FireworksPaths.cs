using ImageAdapter.Catalogue;
using ImageAdapter.Validation;

namespace ImageAdapter.Translation;

/// <summary>The shared parts of every family's calls: paths, <c>Accept</c> values, the finish reason and seeds of fanned-out calls.</summary>
internal static class FireworksPaths
{
    public const string Json = "application/json";
    public const string ContentFiltered = "CONTENT_FILTERED";

    public static string ImageGeneration(ModelEntry model) => $"image_generation/{model.Id}";

    public static string TextToImage(ModelEntry model) => $"workflows/{model.Id}/text_to_image";

    public static string KontextSubmit(ModelEntry model) => $"workflows/{model.Id}";

    public static string KontextResult(ModelEntry model) => $"workflows/{model.Id}/get_result";

    public static string MediaType(ImageFormat format) => format == ImageFormat.Jpeg ? "image/jpeg" : "image/png";

    public static string Name(ImageFormat format) => format == ImageFormat.Jpeg ? "jpeg" : "png";

    /// <summary>
    /// Seed of the <paramref name="index"/>-th call when one image is generated per call: a seeded request stays
    /// reproducible and its images still differ. Seed 0 means "random" to Fireworks and stays 0.
    /// </summary>
    public static long? SeedFor(long? seed, int index) => seed is null or 0 ? seed : (seed.Value + index) % (ExtrasValidator.MaxSeed + 1);
}
