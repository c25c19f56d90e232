using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageAdapter;

/// <summary>The adapter's routes for the standalone server (the Functions app declares the same routes with attributes).</summary>
public static class AdapterRoutes
{
    public const string Generations = "/v1/images/generations";
    public const string Edits = "/v1/images/edits";
    public const string Models = "/v1/models";
    public const string Health = "/healthz";
    public const string Ready = "/readyz";

    /// <summary>Each route's one method, so a request with another method gets 405 with <c>Allow</c>, not 404.</summary>
    internal static IReadOnlyDictionary<string, string> Methods { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [Generations] = HttpMethods.Post,
        [Edits] = HttpMethods.Post,
        [Models] = HttpMethods.Get,
        [Health] = HttpMethods.Get,
        [Ready] = HttpMethods.Get,
    };

    public static IEndpointRouteBuilder MapImageAdapter(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Generations, context => Handlers(context).GenerateImagesAsync(context));
        routes.MapPost(Edits, context => Handlers(context).EditImagesAsync(context));
        routes.MapGet(Models, context => Handlers(context).ListModelsAsync(context));
        routes.MapGet(Health, context => Handlers(context).HealthAsync(context));
        routes.MapGet(Ready, context => Handlers(context).ReadyAsync(context));
        routes.MapFallback(context => Handlers(context).NotFoundAsync(context));
        return routes;
    }

    private static AdapterHttpHandlers Handlers(HttpContext context) => context.RequestServices.GetRequiredService<AdapterHttpHandlers>();
}

/// <summary>Body of <c>/healthz</c>.</summary>
public sealed record HealthStatus(string Status);
