using ImageAdapter.Errors;
using ImageAdapter.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageAdapter;

/// <summary>The adapter's routes for the standalone server (the Functions app declares the same routes with attributes).</summary>
public static class AdapterRoutes
{
    public const string Generations = "/v1/images/generations";
    public const string Models = "/v1/models";
    public const string Health = "/healthz";

    public static IEndpointRouteBuilder MapImageAdapter(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Generations, (HttpContext context, ImageGenerationsHandler handler) => handler.HandleAsync(context));
        routes.MapGet(Models, (HttpContext context, ModelsHandler handler) => handler.HandleAsync(context));
        routes.MapGet(Health, () => TypedResults.Ok(new HealthStatus("ok")));
        routes.MapFallback((HttpContext context) => new OpenAIErrorResult(
            new AdapterException(AdapterErrorKind.NotFound, $"No route for {context.Request.Method} {context.Request.Path}.")));
        return routes;
    }
}

/// <summary>Body of <c>/healthz</c>.</summary>
public sealed record HealthStatus(string Status);
