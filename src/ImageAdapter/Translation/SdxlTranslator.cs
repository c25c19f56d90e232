using System.Text.Json;
using ImageAdapter.Catalogue;
using ImageAdapter.Imaging;
using ImageAdapter.Validation;

namespace ImageAdapter.Translation;

/// <summary>
/// SDXL-class models: <c>POST image_generation/accounts/{a}/models/{m}</c> with width/height and <c>samples = n</c>.
/// One sample answers as binary (<c>Accept: image/png|jpeg</c>, <c>Finish-Reason</c> header); several answer as a
/// top-level JSON array of <c>{base64, finishReason, seed}</c> (<c>Accept: application/json</c>, PNG only).
/// </summary>
internal sealed class SdxlTranslator : IFamilyTranslator
{
    public ApiFamily Family => ApiFamily.ImageGeneration;

    public IReadOnlyList<FireworksCall> ToCalls(ImageGenerationRequest request)
    {
        var extras = request.Extras;
        var body = new SdxlRequestBody(
            request.Prompt,
            extras.NegativePrompt,
            extras.Guidance is { } guidance ? (int)guidance : null,
            request.Size?.Height,
            request.Size?.Width,
            extras.Sampler,
            request.N,
            extras.Steps,
            extras.Seed,
            extras.SafetyCheck);
        var accept = request.N == 1 ? FireworksPaths.MediaType(request.Format) : FireworksPaths.Json;
        return [new FireworksCall(FireworksPaths.ImageGeneration(request.Model), accept,
            JsonSerializer.SerializeToUtf8Bytes(body, FireworksJsonContext.Default.SdxlRequestBody), FireworksCall.NoHeaders, request.N)];
    }

    /// <summary>
    /// Reads the JSON array answer; each element's base64 may carry a <c>data:</c> prefix, which is removed. The images
    /// stay in <paramref name="json"/>, as base64 or decoded in place (<see cref="Base64Payload.Read"/>): it is no longer
    /// JSON afterwards. <paramref name="noted"/>, when the answer's <see cref="NonBase64Bytes"/> were noted as it was
    /// read, spares reading the base64 again, both to find where it ends (<see cref="JsonSkeleton"/>) and to check it.
    /// </summary>
    public static IReadOnlyList<GeneratedImage> ReadArtifacts(Memory<byte> json, NonBase64Bytes? noted = null)
    {
        var (artifacts, skeleton) = Deserialize(json.Span, noted);
        return (artifacts ?? throw new JsonException("The image_generation answer is null."))
            .Select(artifact => new GeneratedImage(
                (artifact.Base64 ?? throw new JsonException("An artifact has no base64.")).Read(json, noted, skeleton),
                artifact.FinishReason == FireworksPaths.ContentFiltered))
            .ToArray();
    }

    // The artifacts, and the skeleton they were read from (their strings' offsets are the skeleton's), if any.
    private static (SdxlArtifact[]? Artifacts, JsonSkeleton? Skeleton) Deserialize(ReadOnlySpan<byte> json, NonBase64Bytes? noted)
    {
        if (noted is not null && JsonSkeleton.Create(json, noted) is { } skeleton)
        {
            try
            {
                return (JsonSerializer.Deserialize(skeleton.Json, FireworksCamelCaseJsonContext.Default.SdxlArtifactArray), skeleton);
            }
            catch (JsonException)
            {
                // The answer is as invalid as its skeleton: read whole below, its error names its own line and position.
            }
        }

        return (JsonSerializer.Deserialize(json, FireworksCamelCaseJsonContext.Default.SdxlArtifactArray), null);
    }
}
