using Microsoft.AspNetCore.Http.Features;
using FireworksSimulator.Imaging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FireworksSimulator.Pipeline;

/// <summary>
/// The one path every simulator route takes: auth, model lookup, fault, handler, write. Keeping the
/// order here means a fault never hides a 401 or an unknown model, and is consumed only by a
/// request that reached its family.
/// </summary>
internal static class EndpointRunner
{
    public static RequestDelegate For(RequestKind kind, ModelFamily? family, Func<SimulatorCall, Task<SimulatedResponse>> handler) =>
        context => RunAsync(context, kind, family, handler);

    private static async Task RunAsync(
        HttpContext context, RequestKind kind, ModelFamily? family, Func<SimulatorCall, Task<SimulatedResponse>> handler)
    {
        var services = context.RequestServices;
        var state = services.GetRequiredService<SimulatorState>();
        var account = context.GetRouteValue("account") as string ?? string.Empty;
        var model = context.GetRouteValue("model") as string ?? string.Empty;

        // Sample URLs are pre-signed upstream: no key is needed (and none should be sent).
        if (kind != RequestKind.SampleDownload && !IsAuthorized(context, state))
        {
            await WriteAsync(context, ErrorResponses.Unauthorized());
            return;
        }

        if (family is { } expected && !services.GetRequiredService<ModelCatalogue>().Serves(model, expected))
        {
            await WriteAsync(context, ErrorResponses.UnknownModel(account, model));
            return;
        }

        var fault = state.TakeFault(kind);
        if (fault is { Delay: var delay } && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (fault?.Release is { } release)
        {
            await release.WaitAsync(context.RequestAborted);
        }

        switch (fault?.Kind)
        {
            case FaultKind.Status:
                var error = ErrorResponses.Create(fault.StatusCode, fault.BodyShape, fault.Message, fault.ErrorType);
                await WriteAsync(context, fault.RetryAfter is { } retryAfter ? error.WithHeader("Retry-After", retryAfter) : error);
                return;
            case FaultKind.WrongContentType:
                await WriteAsync(context, SimulatedResponse.Text(200, "text/html; charset=utf-8",
                    "<html><head><title>Maintenance</title></head><body><h1>We'll be back soon</h1></body></html>"));
                return;
        }

        var call = new SimulatorCall(
            context,
            context.Features.GetRequiredFeature<RecordedRequest>(),
            account,
            model,
            state,
            services.GetRequiredService<ImageEncoder>(),
            services.GetRequiredService<InputImageReader>(),
            fault?.Kind == FaultKind.ContentFiltered,
            fault?.Kind == FaultKind.ExtraArtifact,
            fault?.FilteredSample,
            fault?.Kind == FaultKind.NotBase64Artifact);
        var response = await handler(call);

        switch (fault?.Kind)
        {
            case FaultKind.MalformedBody:
                await WriteAsync(context, response.FirstHalf());
                return;
            case FaultKind.DroppedConnection:
                await WriteHalfThenAbortAsync(context, response);
                return;
            default:
                await WriteAsync(context, response);
                return;
        }
    }

    private static bool IsAuthorized(HttpContext context, SimulatorState state)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && state.IsAccepted(header[scheme.Length..].Trim());
    }

    private static async Task WriteAsync(HttpContext context, SimulatedResponse response)
    {
        WriteHead(context, response, response.Length);
        await response.WriteBodyAsync(context.Response.Body, context.RequestAborted);
    }

    // Announces the full length, sends half, then cuts the connection: the client sees a body that ends early.
    private static async Task WriteHalfThenAbortAsync(HttpContext context, SimulatedResponse response)
    {
        WriteHead(context, response, response.Length);
        await response.FirstHalf().WriteBodyAsync(context.Response.Body, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        context.Items[RequestRecordingMiddleware.ServerAbortedKey] = true;
        context.Abort();
    }

    private static void WriteHead(HttpContext context, SimulatedResponse response, long contentLength)
    {
        context.Response.StatusCode = response.StatusCode;
        if (response.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType;
        }

        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentLength = contentLength;
    }
}
