using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImageAdapter.Functions;

/// <summary>
/// The adapter's routes as Azure Functions, each delegating to the library. Anonymous at the Functions level: the
/// adapter checks its own key. Routes carry no prefix because host.json sets <c>extensions.http.routePrefix</c> to "".
/// </summary>
public sealed class AdapterFunctions(AdapterHttpHandlers handlers)
{
    [Function("ImageGenerations")]
    public Task<IResult> GenerateImages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/images/generations")] HttpRequest request) =>
        handlers.GenerateImagesAsync(request.HttpContext);

    [Function("Models")]
    public Task<IResult> ListModels([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/models")] HttpRequest request) =>
        handlers.ListModelsAsync(request.HttpContext);

    [Function("Health")]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request) =>
        handlers.Health();

    [Function("Ready")]
    public Task<IResult> Ready([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "readyz")] HttpRequest request) =>
        handlers.ReadyAsync(request.HttpContext);
}
