using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImageAdapter.Functions;

/// <summary>
/// The adapter's routes as Azure Functions, each delegating to the library, which writes the answer through the
/// ASP.NET Core response. No function returns a value: a returned body would also travel back to the host over gRPC
/// (the <c>$return</c> binding), costing the host a copy of every image. Anonymous at the Functions level: the adapter
/// checks its own key. Routes carry no prefix because host.json sets <c>extensions.http.routePrefix</c> to "".
/// </summary>
public sealed class AdapterFunctions(AdapterHttpHandlers handlers)
{
    public const string FallbackName = "Zz_Fallback";

    [Function("ImageGenerations")]
    public Task GenerateImages([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/images/generations")] HttpRequest request) =>
        handlers.GenerateImagesAsync(request.HttpContext);

    [Function("ImageEdits")]
    public Task EditImages([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/images/edits")] HttpRequest request) =>
        handlers.EditImagesAsync(request.HttpContext);

    [Function("Models")]
    public Task ListModels([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/models")] HttpRequest request) =>
        handlers.ListModelsAsync(request.HttpContext);

    [Function("Health")]
    public Task Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request) =>
        handlers.HealthAsync(request.HttpContext);

    [Function("Ready")]
    public Task Ready([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "readyz")] HttpRequest request) =>
        handlers.ReadyAsync(request.HttpContext);

    /// <summary>
    /// Every other path and method, so that they get the adapter's envelope and <c>x-request-id</c> rather than the
    /// host's empty 404. The host tries function routes in the order of their names (ordinal, ignoring case) and takes
    /// the first that matches, so this catch-all's name must sort after every other function's.
    /// </summary>
    [Function(FallbackName)]
    public Task NotFound([HttpTrigger(AuthorizationLevel.Anonymous, Route = "{*path}")] HttpRequest request) =>
        handlers.NotFoundAsync(request.HttpContext);
}
