using System.Diagnostics;
using ImageAdapter.Errors;
using ImageAdapter.Resilience;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Http;

/// <summary>
/// What every route shares, in both hosts: the <c>x-request-id</c>, inbound authentication, a logging scope, the
/// request deadline (<see cref="AdapterOptions.RequestDeadline"/>), the count of image bytes held
/// (<see cref="ImageMemoryBudget"/>), and the translation of any failure into the OpenAI
/// error envelope. The handler's token is cancelled when the client leaves or the deadline passes, which cancels every
/// Fireworks call and Kontext poll still running for it.
/// </summary>
internal sealed partial class AdapterEndpoint(
    InboundAuthenticator authenticator,
    ImageMemoryBudget memory,
    IOptions<AdapterOptions> options,
    TimeProvider time,
    ILogger<AdapterEndpoint> logger)
{
    public const string RequestIdHeader = "x-request-id";

    public async Task<IResult> RunAsync(HttpContext context, bool authenticate, Func<CancellationToken, Task<IResult>> handle)
    {
        var requestId = StampRequestId(context);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId });
        var clientGone = context.RequestAborted;
        var deadline = options.Value.RequestDeadline;
        using var deadlineSource = new CancellationTokenSource(deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(clientGone, deadlineSource.Token);
        using var budget = RequestBudget.Begin(time.GetUtcNow() + deadline);
        // The image bytes stay held until the answer holding them has been written, after this method returns.
        context.Response.RegisterForDispose(memory.Open());
        var cancellationToken = linked.Token;
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
        catch (BadHttpRequestException exception)
        {
            // Kestrel's verdict on how the client sent its body (framing, pace, size): the client's fault, not a failure.
            var kind = exception.StatusCode switch
            {
                StatusCodes.Status408RequestTimeout => AdapterErrorKind.RequestBodyTimeout,
                StatusCodes.Status413PayloadTooLarge => AdapterErrorKind.RequestTooLarge,
                _ => AdapterErrorKind.MalformedRequest,
            };
            LogBadRequest(logger, context.Request.Path, exception.StatusCode, exception.Message);
            return new OpenAIErrorResult(new AdapterException(kind, kind switch
            {
                AdapterErrorKind.RequestBodyTimeout => "The request body arrived too slowly and was cut off.",
                AdapterErrorKind.RequestTooLarge => "The request body is larger than this server accepts.",
                _ => "The request could not be read: its body or its framing is malformed.",
            }));
        }
        catch (OperationCanceledException) when (clientGone.IsCancellationRequested)
        {
            LogClientGone(logger, context.Request.Path);
            return Results.Empty;
        }
        catch (OperationCanceledException) when (deadlineSource.IsCancellationRequested)
        {
            LogFailed(logger, context.Request.Path, AdapterErrorKind.RequestTimedOut, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new OpenAIErrorResult(new AdapterException(AdapterErrorKind.RequestTimedOut,
                $"The request did not complete within {deadline.TotalSeconds:0} seconds; its work was cancelled."));
        }
        catch (Exception exception)
        {
            LogUnexpected(logger, exception, context.Request.Path);
            return new OpenAIErrorResult(new AdapterException(AdapterErrorKind.InternalError,
                $"The adapter failed unexpectedly. Quote request id {requestId} when reporting it."));
        }
    }

    /// <summary>Takes the client's <c>x-request-id</c> if it is a usable one, else makes one, and puts it on the answer.</summary>
    public static string StampRequestId(HttpContext context)
    {
        var requestId = RequestId.From(context.Request.Headers[RequestIdHeader].ToString());
        context.Response.Headers[RequestIdHeader] = requestId;
        return requestId;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path} failed: {Kind} after {ElapsedMs:0} ms")]
    private static partial void LogFailed(ILogger logger, string path, AdapterErrorKind kind, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path}: the request could not be read ({Status}): {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string path, int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path}: the client disconnected; its work was cancelled")]
    private static partial void LogClientGone(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
