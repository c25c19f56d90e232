using System.Globalization;
using FireworksSimulator.Imaging;
using FireworksSimulator.Pipeline;
using FireworksSimulator.Wire;

namespace FireworksSimulator.Routes;

/// <summary>
/// FLUX <c>POST /inference/v1/workflows/accounts/{a}/models/{m}/text_to_image</c> (contract §1.2).
/// One image per call, sized from <c>aspect_ratio</c> by <see cref="SimulatorImageSizes.ForAspectRatio(string)"/>.
/// Without an Accept header (or <c>*/*</c>) the simulator answers binary JPEG, the format of every
/// documented example; <c>Jpeg-Quality</c> (0–100) sets the JPEG quality.
/// </summary>
internal static class FluxRoutes
{
    public const string DefaultAspectRatio = "1:1";

    public static SimulatedResponse Handle(SimulatorCall call)
    {
        if (!WireBody.TryParse(call.Request.Body, WireJson.Context.FluxRequest, out var request, out var parseError))
        {
            return ErrorResponses.BadRequest(parseError);
        }

        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            return ErrorResponses.BadRequest("prompt is required");
        }

        var aspectRatio = request.AspectRatio ?? DefaultAspectRatio;
        if (!SimulatorImageSizes.FluxAspectRatios.Contains(aspectRatio))
        {
            // Same wording as the Flumina app's ValueError.
            return ErrorResponses.BadRequest(
                $"Invalid aspect ratio: {aspectRatio} must be one of ({string.Join(", ", SimulatorImageSizes.FluxAspectRatios)})");
        }

        var headers = call.Http.Request.Headers;
        var quality = ImageEncoder.DefaultJpegQuality;
        if (headers.TryGetValue("Jpeg-Quality", out var qualityHeader)
            && !(int.TryParse(qualityHeader.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out quality)
                 && quality is >= 0 and <= 100))
        {
            return ErrorResponses.BadRequest("Jpeg-Quality must be an integer between 0 and 100");
        }

        var (width, height) = SimulatorImageSizes.ForAspectRatio(aspectRatio);
        var finishReason = call.ContentFiltered ? FinishReasons.ContentFiltered : FinishReasons.Success;
        var seed = Seeds.Resolve(request.Seed);
        var accept = AcceptHeader.Parse(headers.Accept.ToString());
        switch (accept)
        {
            case AcceptedOutput.Json:
                // Json-Return-Image-Accept picks the format inside the JSON list; PNG by default, as documented.
                var inner = AcceptHeader.Parse(headers["Json-Return-Image-Accept"].ToString()) == AcceptedOutput.Jpeg
                    ? ImageFormat.Jpeg
                    : ImageFormat.Png;
                var base64 = call.Images.EncodeBase64(width, height, inner, quality, call.ContentFiltered);
                var item = call.State.FluxJsonDataUriPrefix ? $"data:{inner.MediaType()};base64,{base64}" : base64;
                return SimulatedResponse.Json(200,
                    new FluxJsonResponse(Guid.NewGuid().ToString("N"), [item], finishReason, seed),
                    WireJson.Context.FluxJsonResponse);
            case AcceptedOutput.Png or AcceptedOutput.Jpeg or AcceptedOutput.Unspecified:
                var format = accept == AcceptedOutput.Png ? ImageFormat.Png : ImageFormat.Jpeg;
                return SimulatedResponse.Image(
                    call.Images.Encode(width, height, format, quality, call.ContentFiltered), format, finishReason, seed);
            default:
                return ErrorResponses.BadRequest("Accept must be image/png, image/jpeg or application/json");
        }
    }
}
