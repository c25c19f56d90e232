using ImageAdapter.Errors;
using ImageAdapter.Health;
using ImageAdapter.Http;
using Microsoft.AspNetCore.Http;

namespace ImageAdapter;

/// <summary>
/// The adapter's HTTP entry points, the same for both hosts: the standalone server maps them as routes
/// (<see cref="AdapterRoutes"/>), the Functions app calls them from its HTTP triggers. Each writes its whole answer,
/// error envelope included, through <see cref="HttpContext.Response"/> and returns nothing: a Functions trigger that
/// returned the answer as a value would also send its body back to the host over gRPC.
/// </summary>
public sealed class AdapterHttpHandlers
{
    private readonly ImageGenerationsHandler _generations;
    private readonly ModelsHandler _models;
    private readonly AdapterEndpoint _endpoint;
    private readonly ReadinessProbe _readiness;

    internal AdapterHttpHandlers(ImageGenerationsHandler generations, ModelsHandler models, AdapterEndpoint endpoint, ReadinessProbe readiness)
    {
        _generations = generations;
        _models = models;
        _endpoint = endpoint;
        _readiness = readiness;
    }

    /// <summary><c>POST /v1/images/generations</c>.</summary>
    public Task GenerateImagesAsync(HttpContext context) => WriteAsync(context, _generations.HandleAsync(context));

    /// <summary><c>POST /v1/images/edits</c>.</summary>
    public Task EditImagesAsync(HttpContext context) => WriteAsync(context, _generations.HandleEditAsync(context));

    /// <summary><c>GET /v1/models</c>.</summary>
    public Task ListModelsAsync(HttpContext context) => WriteAsync(context, _models.HandleAsync(context));

    /// <summary>
    /// Any other request: 405 with <c>Allow</c> for a known route and another method, else 404; in the OpenAI envelope,
    /// with a request id like every answer.
    /// </summary>
    public Task NotFoundAsync(HttpContext context) => WriteAsync(context, _endpoint.RunAsync(context, authenticate: false, _ =>
    {
        var request = context.Request;
        if (AdapterRoutes.Methods.TryGetValue(request.Path.Value ?? "", out var allowed))
        {
            context.Response.Headers.Allow = allowed;
            throw new AdapterException(AdapterErrorKind.MethodNotAllowed, $"{request.Path} accepts {allowed}, not {request.Method}.");
        }

        throw new AdapterException(AdapterErrorKind.NotFound, $"No route for {request.Method} {request.Path}.");
    }));

    /// <summary><c>GET /healthz</c>: liveness only, no authentication, reveals nothing.</summary>
    public Task HealthAsync(HttpContext context)
    {
        AdapterEndpoint.StampRequestId(context);
        return TypedResults.Json(new HealthStatus("ok"), Contract.OpenAIJsonContext.Responses.HealthStatus).ExecuteAsync(context);
    }

    /// <summary>
    /// <c>GET /readyz</c>: 200 <c>{"status":"ready"}</c> when the Fireworks key and the inbound keys can be had from their
    /// (cached) source, else 503 <c>{"status":"not_ready"}</c>. No authentication; reveals no configuration.
    /// </summary>
    public async Task ReadyAsync(HttpContext context)
    {
        AdapterEndpoint.StampRequestId(context);
        var result = await _readiness.IsReadyAsync(context.RequestAborted)
            ? TypedResults.Json(new HealthStatus("ready"), Contract.OpenAIJsonContext.Responses.HealthStatus)
            : TypedResults.Json(new HealthStatus("not_ready"), Contract.OpenAIJsonContext.Responses.HealthStatus,
                statusCode: StatusCodes.Status503ServiceUnavailable);
        await result.ExecuteAsync(context);
    }

    private static async Task WriteAsync(HttpContext context, Task<IResult> answer) => await (await answer).ExecuteAsync(context);
}
