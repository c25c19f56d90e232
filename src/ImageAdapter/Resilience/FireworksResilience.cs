using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Telemetry;

namespace ImageAdapter.Resilience;

/// <summary>
/// The resilience pipeline of the Fireworks <see cref="HttpClient"/>: retry (outer) around a circuit breaker (inner),
/// one pipeline — and so one breaker — per <see cref="FireworksApiFamily"/>.
/// </summary>
internal static partial class FireworksResilience
{
    public const string HandlerName = "fireworks";

    public static IHttpClientBuilder AddFireworksResilience(this IHttpClientBuilder http)
    {
        // Polly logs an opened circuit as Error; for the adapter an upstream outage is a Warning (an Error means a bug).
        http.Services.ConfigureAll<TelemetryOptions>(telemetry => telemetry.SeverityProvider = args =>
            args.Event.Severity > ResilienceEventSeverity.Warning ? ResilienceEventSeverity.Warning : args.Event.Severity);
        http.AddResilienceHandler(HandlerName, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<AdapterOptions>>().Value;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FireworksResilience));
                pipeline.TimeProvider = time;
                pipeline.AddRetry(new FireworksRetryPolicy(options, time).ToStrategyOptions(
                    (family, reason, delay) => LogRetry(logger, family, reason, delay.TotalMilliseconds)));
                pipeline.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
                {
                    FailureRatio = options.CircuitFailureRatio,
                    MinimumThroughput = options.CircuitMinimumThroughput,
                    SamplingDuration = options.CircuitSamplingDuration,
                    BreakDuration = options.CircuitBreakDuration,
                    ShouldHandle = args => ValueTask.FromResult(IsOutageSign(args.Outcome)),
                    OnOpened = args =>
                    {
                        LogOpened(logger, context.InstanceName, args.BreakDuration.TotalSeconds);
                        return ValueTask.CompletedTask;
                    },
                    OnClosed = _ =>
                    {
                        LogClosed(logger, context.InstanceName);
                        return ValueTask.CompletedTask;
                    },
                });
            })
            .SelectPipelineBy(_ => FireworksApiFamily.Of);
        return http;
    }

    // 429 and 4xx are answers, not an outage; cancellations (timeouts, clients leaving) say nothing about Fireworks.
    private static bool IsOutageSign(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fireworks {Family} call retried after {Reason}, waiting {DelayMs:0} ms")]
    private static partial void LogRetry(ILogger logger, string family, string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fireworks circuit {Pipeline} opened for {BreakSeconds} s")]
    private static partial void LogOpened(ILogger logger, string pipeline, double breakSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fireworks circuit {Pipeline} closed")]
    private static partial void LogClosed(ILogger logger, string pipeline);
}
