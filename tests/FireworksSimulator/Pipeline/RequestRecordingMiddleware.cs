using System.Text;
using Microsoft.AspNetCore.Http;

namespace FireworksSimulator.Pipeline;

/// <summary>
/// Records every request (before auth, so a test sees rejected ones too) and notices when the
/// client gives up while the simulator is still working, which is how tests prove cancellation.
/// </summary>
internal sealed class RequestRecordingMiddleware(RequestDelegate next, SimulatorState state)
{
    /// <summary>Set when the simulator itself cut the connection (a dropped-connection fault), which is no client abort.</summary>
    public const string ServerAbortedKey = "FireworksSimulator.ServerAborted";

    public async Task InvokeAsync(HttpContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var kind = context.GetEndpoint()?.Metadata.GetMetadata<RequestKindMetadata>()?.Kind ?? RequestKind.Other;
        var recorded = state.Record(sequence => new RecordedRequest(
            sequence,
            kind,
            context.Request.Method,
            context.Request.Path.Value + context.Request.QueryString.Value,
            context.Request.Headers.ToDictionary(
                header => header.Key, header => string.Join(", ", header.Value.ToArray()), StringComparer.OrdinalIgnoreCase),
            body,
            context.Request.Host.Value ?? string.Empty,
            DateTimeOffset.UtcNow));
        context.Features.Set(recorded);

        try
        {
            await next(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            if (!context.Items.ContainsKey(ServerAbortedKey))
            {
                state.RecordAbort(recorded);
            }
        }
    }
}
