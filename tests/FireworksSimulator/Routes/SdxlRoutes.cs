using FireworksSimulator.Imaging;
using FireworksSimulator.Pipeline;
using FireworksSimulator.Wire;

namespace FireworksSimulator.Routes;

/// <summary>
/// SDXL-class <c>POST /inference/v1/image_generation/accounts/{a}/models/{m}</c> (contract §1.1).
/// Binary image for <c>Accept: image/png|image/jpeg</c> (samples must be 1), a top-level JSON array
/// of <c>{base64, finishReason, seed}</c> for <c>Accept: application/json</c>. Without an Accept
/// header the simulator answers PNG for one sample and the JSON array otherwise.
/// </summary>
internal static class SdxlRoutes
{
    public const int MaxSamples = 10;

    public static SimulatedResponse Handle(SimulatorCall call)
    {
        if (!WireBody.TryParse(call.Request.Body, WireJson.Context.SdxlRequest, out var request, out var parseError))
        {
            return ErrorResponses.BadRequest(parseError);
        }

        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            return ErrorResponses.BadRequest("prompt is required");
        }

        var samples = request.Samples ?? 1;
        if (samples is < 1 or > MaxSamples)
        {
            return ErrorResponses.BadRequest($"samples must be between 1 and {MaxSamples}, got {samples}");
        }

        var size = (Width: request.Width ?? 1024, Height: request.Height ?? 1024);
        if (!SimulatorImageSizes.SdxlSizes.Contains(size))
        {
            return ErrorResponses.BadRequest(
                $"Invalid size {size.Width}x{size.Height}; supported sizes are " +
                string.Join(", ", SimulatorImageSizes.SdxlSizes.Select(s => $"{s.Width}x{s.Height}")));
        }

        var finishReason = call.ContentFiltered ? FinishReasons.ContentFiltered : FinishReasons.Success;
        var seed = Seeds.Resolve(request.Seed);
        var accept = AcceptHeader.Parse(call.Http.Request.Headers.Accept.ToString());
        switch (accept)
        {
            case AcceptedOutput.Png or AcceptedOutput.Jpeg when samples != 1:
                return ErrorResponses.BadRequest(
                    "Only JSON output (Accept: application/json) is supported when samples != 1");
            case AcceptedOutput.Png or AcceptedOutput.Jpeg:
            case AcceptedOutput.Unspecified when samples == 1:
                var format = accept == AcceptedOutput.Jpeg ? ImageFormat.Jpeg : ImageFormat.Png;
                var bytes = call.Images.Encode(size.Width, size.Height, format, filtered: call.ContentFiltered);
                return SimulatedResponse.Image(bytes, format, finishReason, seed);
            case AcceptedOutput.Json or AcceptedOutput.Unspecified:
                var filteredSamples = Enumerable.Range(0, samples + (call.ExtraArtifact ? 1 : 0)).Select(call.IsSampleFiltered).ToArray();
                IReadOnlyList<SdxlArtifact> artifacts =
                    [.. filteredSamples.Select((filtered, i) => new SdxlArtifact("", filtered ? FinishReasons.ContentFiltered : FinishReasons.Success, seed + i))];
                var images = filteredSamples
                    .Select(filtered => (ReadOnlyMemory<byte>)call.Images.EncodeBase64Utf8(size.Width, size.Height, ImageFormat.Png, filtered))
                    .ToArray();
                if (call.NotBase64Artifact)
                {
                    var broken = images[^1].ToArray();
                    broken[broken.Length / 2] = (byte)'!';
                    images[^1] = broken;
                }

                return SimulatedResponse.JsonWithStrings(artifacts, WireJson.Context.IReadOnlyListSdxlArtifact, "base64", images);
            default:
                return ErrorResponses.BadRequest("Accept must be image/png, image/jpeg or application/json");
        }
    }
}
