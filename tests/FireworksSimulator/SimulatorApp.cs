using FireworksSimulator.Imaging;
using FireworksSimulator.Pipeline;
using FireworksSimulator.Routes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FireworksSimulator;

/// <summary>The simulator app, shared by <c>Program</c> and <see cref="SimulatorServer.StartAsync"/>.</summary>
internal static class SimulatorApp
{
    public static WebApplication Build(
        string[] args, SimulatorOptions options, SimulatorState state, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(SimulatorApp).Assembly.GetName().Name,
        });
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(new ModelCatalogue(options.AdditionalModels));
        builder.Services.AddSingleton<ImageEncoder>();
        builder.Services.AddSingleton<InputImageReader>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<RequestRecordingMiddleware>();
        MapRoutes(app);
        return app;
    }

    private static void MapRoutes(WebApplication app)
    {
        var v1 = app.MapGroup("/inference/v1");
        Map(v1, "POST", "/image_generation/accounts/{account}/models/{model}",
            RequestKind.ImageGeneration, ModelFamily.ImageGeneration, SdxlRoutes.Handle);
        Map(v1, "POST", "/workflows/accounts/{account}/models/{model}/text_to_image",
            RequestKind.TextToImage, ModelFamily.TextToImage, FluxRoutes.Handle);
        Map(v1, "POST", "/workflows/accounts/{account}/models/{model}",
            RequestKind.KontextSubmit, ModelFamily.Kontext, KontextSubmitRoute.HandleAsync);
        Map(v1, "POST", "/workflows/accounts/{account}/models/{model}/get_result",
            RequestKind.KontextGetResult, ModelFamily.Kontext, KontextPollRoute.Handle);
        Map(v1, "GET", "/workflows/accounts/{account}/models/{model}/get_result",
            RequestKind.KontextGetResult, ModelFamily.Kontext, KontextPollRoute.Handle);
        Map(v1, "GET", "/samples/{file}", RequestKind.SampleDownload, family: null, SampleRoute.Handle);

        app.MapFallback(async context =>
        {
            var error = ErrorResponses.Create(404, ErrorBodyShape.FireworksError, $"Not found: {context.Request.Path}");
            context.Response.StatusCode = error.StatusCode;
            context.Response.ContentType = error.ContentType;
            await error.WriteBodyAsync(context.Response.Body, context.RequestAborted);
        });
    }

    private static void Map(
        RouteGroupBuilder group, string method, string pattern, RequestKind kind, ModelFamily? family,
        Func<SimulatorCall, SimulatedResponse> handler) =>
        Map(group, method, pattern, kind, family, call => Task.FromResult(handler(call)));

    private static void Map(
        RouteGroupBuilder group, string method, string pattern, RequestKind kind, ModelFamily? family,
        Func<SimulatorCall, Task<SimulatedResponse>> handler) =>
        group.MapMethods(pattern, [method], EndpointRunner.For(kind, family, handler))
            .WithMetadata(new RequestKindMetadata(kind));
}
