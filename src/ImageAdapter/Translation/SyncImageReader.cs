using ImageAdapter.Imaging;

namespace ImageAdapter.Translation;

/// <summary>
/// Reads the answer of the synchronous endpoints: a binary image (finish reason in the <c>Finish-Reason</c> header)
/// or, for <c>Accept: application/json</c>, the JSON list of artifacts.
/// </summary>
internal static class SyncImageReader
{
    public static IReadOnlyList<GeneratedImage> Read(FireworksResponse response) =>
        response.ContentType == FireworksPaths.Json
            ? SdxlTranslator.ReadArtifacts(response.Body, response.Noted)
            : [new GeneratedImage(ImageBody.FromBytes(response.Body), response.FinishReason == FireworksPaths.ContentFiltered)];
}
