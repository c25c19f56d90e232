using System.Diagnostics;
using ImageAdapter.Errors;
using ImageAdapter.Resilience;
using ImageAdapter.Validation;
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
    IOptions<LimitsOptions> limits,
    TimeProvider time,
    ILogger<AdapterEndpoint> logger)
{
    public const string RequestIdHeader = "x-request-id";

    /// <summary><see cref="HttpContext.Items"/> keys a handler fills for the access line: the model id and the image count.</summary>
    public const string ModelItem = "ImageAdapter.Model";
    public const string ImagesItem = "ImageAdapter.Images";

    public async Task<IResult> RunAsync(HttpContext context, bool authenticate, Func<CancellationToken, Task<IResult>> handle)
    {
        var requestId = StampRequestId(context);
        using var scope = logger.BeginScope("RequestId:{RequestId}", requestId);
        var started = Stopwatch.GetTimestamp();
        var result = await AnswerAsync(context, requestId, authenticate, handle);
        LogAccess(context, result, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private async Task<IResult> AnswerAsync(HttpContext context, string requestId, bool authenticate, Func<CancellationToken, Task<IResult>> handle)
    {
        var clientGone = context.RequestAborted;
        var deadline = options.Value.RequestDeadline;
        using var deadlineSource = new CancellationTokenSource(deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(clientGone, deadlineSource.Token);
        using var budget = RequestBudget.Begin(time.GetUtcNow() + deadline);
        // The image bytes stay held until the answer holding them has been written, after this method returns.
        context.Response.RegisterForDispose(memory.Open());
        var cancellationToken = linked.Token;
        RequestLimits.Apply(context.Request, limits.Value);
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
            // Refused, perhaps before its body was read: take in what the client is still sending, so it gets the answer.
            await RequestLimits.DrainAsync(context.Request, limits.Value, cancellationToken);
            return new OpenAIErrorResult(exception);
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's verdict on how the client sent its body (framing, pace, size): the client's fault, not a failure.
            LogBadRequest(logger, context.Request.Path, exception.StatusCode, exception.Message);
            return new OpenAIErrorResult(BadRequest(exception.StatusCode));
        }
        catch (OperationCanceledException) when (clientGone.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (OperationCanceledException) when (deadlineSource.IsCancellationRequested)
        {
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

    private static AdapterException BadRequest(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout => new(AdapterErrorKind.RequestBodyTimeout, "The request body arrived too slowly and was cut off."),
        StatusCodes.Status413PayloadTooLarge => new(AdapterErrorKind.RequestTooLarge, "The request body is larger than this server accepts."),
        _ => new(AdapterErrorKind.MalformedRequest, "The request could not be read: its body or its framing is malformed."),
    };

    /// <summary>One Information line per request: method, path, status, duration, model and images; no prompt, no key.</summary>
    private void LogAccess(HttpContext context, IResult result, double elapsedMs)
    {
        var (method, path) = (context.Request.Method, context.Request.Path.Value ?? "");
        var model = context.Items[ModelItem] as string ?? "-";
        if (result is OpenAIErrorResult error)
        {
            // A stream that has begun already sent its status; its failure goes out as an event.
            var status = context.Response.HasStarted ? context.Response.StatusCode : error.StatusCode;
            LogFailed(logger, method, path, status, elapsedMs, error.Error.Kind, model);
        }
        else if (context.RequestAborted.IsCancellationRequested)
        {
            LogClientGone(logger, method, path, elapsedMs, model);
        }
        else
        {
            LogAnswered(logger, method, path, StatusCodes.Status200OK, elapsedMs, model, context.Items[ImagesItem] as int? ?? 0);
        }
    }

    /// <summary>Takes the client's <c>x-request-id</c> if it is a usable one, else makes one, and puts it on the answer.</summary>
    public static string StampRequestId(HttpContext context)
    {
        var requestId = RequestId.From(context.Request.Headers[RequestIdHeader].ToString());
        context.Response.Headers[RequestIdHeader] = requestId;
        return requestId;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered {Status} in {ElapsedMs:0} ms (model {Model}, {Images} image(s))")]
    private static partial void LogAnswered(ILogger logger, string method, string path, int status, double elapsedMs, string model, int images);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered {Status} in {ElapsedMs:0} ms: failed: {Kind} (model {Model})")]
    private static partial void LogFailed(ILogger logger, string method, string path, int status, double elapsedMs, AdapterErrorKind kind, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path}: the client disconnected after {ElapsedMs:0} ms; its work was cancelled (model {Model})")]
    private static partial void LogClientGone(ILogger logger, string method, string path, double elapsedMs, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path}: the request could not be read ({Status}): {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string path, int status, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
