using System.Net;
using Polly;
using Polly.Retry;

namespace ImageAdapter.Resilience;

/// <summary>
/// When a Fireworks call is repeated (the README's retry policy table): only where repeating cannot bill twice or where
/// Fireworks asks for it, and only if the wait ends before the call's deadline. A generation that may have run is
/// never repeated blindly: no retry after a timeout, a reset after sending, or a 500/502/504.
/// </summary>
internal sealed class FireworksRetryPolicy(AdapterOptions options, TimeProvider time)
{
    private static readonly ResiliencePropertyKey<TimeSpan> DelayKey = new("ImageAdapter.RetryDelay");

    public RetryStrategyOptions<HttpResponseMessage> ToStrategyOptions(Action<string, string, TimeSpan>? onRetry = null) => new()
    {
        MaxRetryAttempts = Math.Max(1, options.MaxRetries),
        ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && ShouldRetry(args.Outcome, args.Context, args.AttemptNumber)),
        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(DelayKey, TimeSpan.Zero)),
        BackoffType = DelayBackoffType.Constant,
        UseJitter = false,
        OnRetry = args =>
        {
            if (args.Context.GetRequestMessage() is { } request)
            {
                onRetry?.Invoke(FireworksApiFamily.Of(request), Reason(args.Outcome), args.RetryDelay);
            }

            return ValueTask.CompletedTask;
        },
    };

    /// <summary>Decides, and records the wait in the context for the delay generator.</summary>
    public bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, int attempt)
    {
        if (context.GetRequestMessage() is not { } request || WaitFor(outcome, request, attempt) is not { } delay)
        {
            return false;
        }

        var deadline = request.Options.TryGetValue(RequestBudget.CallDeadlineKey, out var value) ? value : DateTimeOffset.MaxValue;
        if (time.GetUtcNow() + delay >= deadline)
        {
            // Waiting would pass the deadline: answer now (429/503 carry Retry-After to the client).
            return false;
        }

        context.Properties.Set(DelayKey, delay);
        return true;
    }

    private TimeSpan? WaitFor(Outcome<HttpResponseMessage> outcome, HttpRequestMessage request, int attempt)
    {
        var backoff = options.RetryBaseDelay * Math.Pow(2, attempt);
        if (outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError })
        {
            // The request never left: nothing can have been generated or billed.
            return backoff;
        }

        var read = FireworksApiFamily.IsRead(request);
        if (outcome.Exception is HttpRequestException)
        {
            return read ? backoff : null;
        }

        if (outcome.Result is not { } response)
        {
            return null;
        }

        var retryAfter = RetryAfter(response);
        return (int)response.StatusCode switch
        {
            // Fireworks' rate limiter rejects before work starts; repeat only when it says when.
            429 => retryAfter ?? (read ? backoff : null),
            // 503 means not served (overloaded or starting): the generation did not run.
            503 => retryAfter ?? backoff,
            408 or 500 or 502 or 504 when read => retryAfter ?? backoff,
            _ => null,
        };
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static string Reason(Outcome<HttpResponseMessage> outcome) => outcome.Exception is HttpRequestException exception
        ? exception.HttpRequestError.ToString()
        : ((int?)outcome.Result?.StatusCode)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
}
