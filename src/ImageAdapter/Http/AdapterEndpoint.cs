using System.Diagnostics;
using ImageAdapter.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.Http;

/// <summary>
/// What every route shares, in both hosts: the <c>x-request-id</c>, inbound authentication, a logging scope, and the
/// translation of any failure into the OpenAI error envelope.
/// </summary>
internal sealed partial class AdapterEndpoint(InboundAuthenticator authenticator, ILogger<AdapterEndpoint> logger)
{
    public const string RequestIdHeader = "x-request-id";

    public async Task<IResult> RunAsync(HttpContext context, bool authenticate, Func<CancellationToken, Task<IResult>> handle)
    {
        var requestId = RequestId.From(context.Request.Headers[RequestIdHeader].ToString());
        context.Response.Headers[RequestIdHeader] = requestId;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId });
        var cancellationToken = context.RequestAborted;
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (authenticate)
            {
                await authenticator.AuthenticateAsync(context.Request, cancellationToken);
            }

            return await handle(cancellationToken);
        }
        catch (AdapterException exception)
        {
            LogFailed(logger, context.Request.Path, exception.Kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new OpenAIErrorResult(exception);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogClientGone(logger, context.Request.Path);
            return Results.Empty;
        }
        catch (Exception exception)
        {
            LogUnexpected(logger, exception, context.Request.Path);
            return new OpenAIErrorResult(new AdapterException(AdapterErrorKind.InternalError,
                $"The adapter failed unexpectedly. Quote request id {requestId} when reporting it."));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path} failed: {Kind} after {ElapsedMs:0} ms")]
    private static partial void LogFailed(ILogger logger, string path, AdapterErrorKind kind, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path}: the client disconnected; its work was cancelled")]
    private static partial void LogClientGone(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
