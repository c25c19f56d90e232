using FireworksSimulator.Imaging;
using FireworksSimulator.Pipeline;
using FireworksSimulator.Wire;
using Microsoft.AspNetCore.Http;

namespace FireworksSimulator.Routes;

/// <summary>
/// Kontext poll <c>…/models/{m}/get_result</c> (contract §1.3): POST <c>{"id"}</c> as every example
/// does, or GET <c>?id=</c> as the page header says. Answers follow the task's script; an unknown id
/// is <c>Task not found</c> (200), which is what clients see right after submit.
/// </summary>
internal static class KontextPollRoute
{
    public const string SamplePathPrefix = "/inference/v1/samples/";

    public static SimulatedResponse Handle(SimulatorCall call)
    {
        string? id;
        if (HttpMethods.IsGet(call.Http.Request.Method))
        {
            id = call.Http.Request.Query["id"].ToString();
        }
        else if (WireBody.TryParse(call.Request.Body, WireJson.Context.KontextPollRequest, out var request, out var parseError))
        {
            id = request.Id;
        }
        else
        {
            return ErrorResponses.KontextBadRequest(parseError);
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            return ErrorResponses.KontextBadRequest("id is required");
        }

        if (!call.State.KontextTasks.TryGetValue(id, out var task))
        {
            return Answer(id, KontextStatuses.TaskNotFound);
        }

        var poll = task.NextPoll();
        var script = task.Script;
        if (call.ContentFiltered)
        {
            return Answer(id, KontextStatuses.ContentModerated);
        }

        if (poll <= script.TaskNotFoundPolls)
        {
            return Answer(id, KontextStatuses.TaskNotFound);
        }

        var pendingSoFar = poll - script.TaskNotFoundPolls;
        if (pendingSoFar <= script.PendingPolls || script.FinalStatus == KontextFinalStatus.NeverReady)
        {
            var progress = script.PendingPolls == 0 ? 0.5 : Math.Min(0.99, (double)pendingSoFar / (script.PendingPolls + 1));
            return Answer(id, KontextStatuses.Pending, progress: progress);
        }

        return script.FinalStatus switch
        {
            KontextFinalStatus.Ready => Answer(id, KontextStatuses.Ready, new KontextResult(SampleUrl(call, task)), 1.0),
            KontextFinalStatus.Error => Answer(id, KontextStatuses.Error, details: new KontextDetails("Simulated generation error")),
            KontextFinalStatus.Lost => Answer(id, KontextStatuses.TaskNotFound),
            var moderated => Answer(id, KontextStatuses.Of(moderated)),
        };
    }

    private static SimulatedResponse Answer(
        string id, string status, KontextResult? result = null, double? progress = null, KontextDetails? details = null) =>
        SimulatedResponse.Json(200, new KontextPollResponse(id, status, result, progress, details),
            WireJson.Context.KontextPollResponse);

    // Upstream the sample lives on another host (a delivery CDN); a script can force that here too.
    private static string SampleUrl(SimulatorCall call, KontextTask task)
    {
        var request = call.Http.Request;
        var host = task.Script.SampleHost ?? request.Host.Host;
        var port = request.Host.Port ?? call.Http.Connection.LocalPort;
        return new UriBuilder(request.Scheme, host, port, $"{SamplePathPrefix}{task.Id}.{task.Format.Extension()}").Uri.AbsoluteUri;
    }
}
