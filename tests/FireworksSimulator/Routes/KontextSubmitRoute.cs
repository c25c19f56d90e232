using FireworksSimulator.Imaging;
using FireworksSimulator.Pipeline;
using FireworksSimulator.Wire;

namespace FireworksSimulator.Routes;

/// <summary>
/// Kontext submit <c>POST /inference/v1/workflows/accounts/{a}/models/{m}</c> (contract §1.3):
/// validates, reads the optional <c>input_image</c>, stores a task driven by the next
/// <see cref="KontextScript"/>, answers <c>{"request_id"}</c>. Errors use the documented
/// <c>{"error_message"}</c> shape. The output size follows <c>aspect_ratio</c>, else the input image's
/// shape, else 1:1.
/// </summary>
internal static class KontextSubmitRoute
{
    private const double WidestRatio = 21.0 / 9.0;
    private const double TallestRatio = 9.0 / 21.0;

    // "range 0–6 ... Limit of 2 for Image to Image."
    private const int MaxImageToImageSafetyTolerance = 2;

    public static async Task<SimulatedResponse> HandleAsync(SimulatorCall call)
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
                 && IsWithinKontextRange(widthRatio / heightRatio)))
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

        KontextInput? input = null;
        if (request.InputImage is { } inputImage)
        {
            if (request.SafetyTolerance > MaxImageToImageSafetyTolerance)
            {
                return ErrorResponses.KontextBadRequest(
                    $"safety_tolerance must be at most {MaxImageToImageSafetyTolerance} with an input_image, got {request.SafetyTolerance}");
            }

            (input, var inputError) = await call.InputImages.ReadAsync(inputImage, call.State.InputImageUrls, call.Http.RequestAborted);
            if (input is null)
            {
                return ErrorResponses.KontextBadRequest(inputError);
            }
        }

        var script = call.State.TakeKontextScript();
        if (call.ContentFiltered)
        {
            script = script with { TaskNotFoundPolls = 0, PendingPolls = 0, FinalStatus = KontextFinalStatus.RequestModerated };
        }

        var (width, height) = request.AspectRatio is null && input is not null
            ? SizeFollowing(input)
            : SimulatorImageSizes.ForAspectRatio(widthRatio, heightRatio);
        var task = new KontextTask(Guid.NewGuid().ToString(), script, format, width, height);
        call.State.KontextTasks[task.Id] = task;
        if (input is not null)
        {
            call.State.RecordKontextInput(input);
        }

        return SimulatedResponse.Json(200, new KontextSubmitResponse(task.Id), WireJson.Context.KontextSubmitResponse);
    }

    private static bool IsWithinKontextRange(double ratio) => ratio is >= TallestRatio - 1e-9 and <= WidestRatio + 1e-9;

    // Fireworks does not document this size (contract §5, question 6): the simulator keeps the input's
    // shape, clamped to the 21:9..9:21 range that aspect_ratio allows.
    private static (int Width, int Height) SizeFollowing(KontextInput input)
    {
        var ratio = (double)input.Width / input.Height;
        return ratio > WidestRatio ? SimulatorImageSizes.ForAspectRatio(21, 9)
            : ratio < TallestRatio ? SimulatorImageSizes.ForAspectRatio(9, 21)
            : SimulatorImageSizes.ForAspectRatio(input.Width, input.Height);
    }
}
