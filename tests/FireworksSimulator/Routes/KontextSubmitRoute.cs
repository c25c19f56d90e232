using FireworksSimulator.Imaging;
using FireworksSimulator.Pipeline;
using FireworksSimulator.Wire;

namespace FireworksSimulator.Routes;

/// <summary>
/// Kontext submit <c>POST /inference/v1/workflows/accounts/{a}/models/{m}</c> (contract §1.3):
/// validates, stores a task driven by the next <see cref="KontextScript"/>, answers <c>{"request_id"}</c>.
/// Errors use the documented <c>{"error_message"}</c> shape. Without <c>aspect_ratio</c> the image is 1:1.
/// </summary>
internal static class KontextSubmitRoute
{
    private const double WidestRatio = 21.0 / 9.0;
    private const double TallestRatio = 9.0 / 21.0;

    public static SimulatedResponse Handle(SimulatorCall call)
    {
        if (!WireBody.TryParse(call.Request.Body, WireJson.Context.KontextSubmitRequest, out var request, out var parseError))
        {
            return ErrorResponses.KontextBadRequest(parseError);
        }

        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            return ErrorResponses.KontextBadRequest("prompt is required");
        }

        var (widthRatio, heightRatio) = (1.0, 1.0);
        if (request.AspectRatio is { } aspectRatio
            && !(SimulatorImageSizes.TryParseAspectRatio(aspectRatio, out widthRatio, out heightRatio)
                 && widthRatio / heightRatio is >= TallestRatio - 1e-9 and <= WidestRatio + 1e-9))
        {
            return ErrorResponses.KontextBadRequest($"aspect_ratio must be W:H between 21:9 and 9:21, got '{aspectRatio}'");
        }

        ImageFormat format;
        switch (request.OutputFormat)
        {
            case null or "png": format = ImageFormat.Png; break;
            case "jpeg": format = ImageFormat.Jpeg; break;
            default: return ErrorResponses.KontextBadRequest($"output_format must be 'jpeg' or 'png', got '{request.OutputFormat}'");
        }

        if (request.SafetyTolerance is < 0 or > 6)
        {
            return ErrorResponses.KontextBadRequest($"safety_tolerance must be between 0 and 6, got {request.SafetyTolerance}");
        }

        var script = call.State.TakeKontextScript();
        if (call.ContentFiltered)
        {
            script = script with { TaskNotFoundPolls = 0, PendingPolls = 0, FinalStatus = KontextFinalStatus.RequestModerated };
        }

        var (width, height) = SimulatorImageSizes.ForAspectRatio(widthRatio, heightRatio);
        var task = new KontextTask(Guid.NewGuid().ToString(), script, format, width, height);
        call.State.KontextTasks[task.Id] = task;
        return SimulatedResponse.Json(200, new KontextSubmitResponse(task.Id), WireJson.Context.KontextSubmitResponse);
    }
}
