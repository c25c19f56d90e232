using System.Globalization;
using System.Text.Json;
using ImageAdapter.Catalogue;
using ImageAdapter.Validation;

namespace ImageAdapter.Translation;

/// <summary>
/// FLUX.1 workflows: <c>POST workflows/accounts/{a}/models/{m}/text_to_image</c>, one image per call, answered as a
/// binary image for <c>Accept: image/png|jpeg</c> with <c>Finish-Reason</c> and <c>Seed</c> headers. JPEG quality
/// travels in the <c>Jpeg-Quality</c> header.
/// </summary>
internal sealed class FluxWorkflowTranslator : IFamilyTranslator
{
    public ApiFamily Family => ApiFamily.FluxWorkflow;

    public IReadOnlyList<FireworksCall> ToCalls(ImageGenerationRequest request)
    {
        var headers = request.JpegQuality is { } quality
            ? new Dictionary<string, string> { ["Jpeg-Quality"] = quality.ToString(CultureInfo.InvariantCulture) }
            : FireworksCall.NoHeaders;
        return Enumerable.Range(0, request.N)
            .Select(index => new FireworksCall(
                FireworksPaths.TextToImage(request.Model),
                FireworksPaths.MediaType(request.Format),
                JsonSerializer.SerializeToUtf8Bytes(Body(request, index), FireworksJsonContext.Default.FluxRequestBody),
                headers))
            .ToArray();
    }

    private static FluxRequestBody Body(ImageGenerationRequest request, int index) => new(
        request.Prompt,
        request.AspectRatio,
        request.Extras.Guidance,
        request.Extras.Steps,
        FireworksPaths.SeedFor(request.Extras.Seed, index),
        request.Extras.SafetyCheck);
}
