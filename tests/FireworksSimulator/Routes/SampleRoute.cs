using FireworksSimulator.Imaging;
using FireworksSimulator.Pipeline;

namespace FireworksSimulator.Routes;

/// <summary>
/// <c>GET /inference/v1/samples/{id}.{ext}</c>: the image behind a Kontext <c>result.sample</c> URL.
/// No key is required; whether one was sent anyway is in the recorded request.
/// </summary>
internal static class SampleRoute
{
    public static SimulatedResponse Handle(SimulatorCall call)
    {
        var file = call.Http.Request.RouteValues["file"] as string ?? string.Empty;
        var id = Path.GetFileNameWithoutExtension(file);
        if (!call.State.KontextTasks.TryGetValue(id, out var task) || !task.HasSample)
        {
            return SimulatedResponse.Text(404, "text/plain; charset=utf-8", "Sample not found");
        }

        var bytes = call.Images.Encode(task.Width, task.Height, task.Format);
        return new SimulatedResponse(200, task.Format.MediaType(), [bytes], new Dictionary<string, string>());
    }
}
