using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using ImageAdapter.Errors;
using ImageAdapter.Resilience;
using ImageAdapter.Secrets;
using ImageAdapter.Telemetry;
using ImageAdapter.Translation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace ImageAdapter.Fireworks;

/// <summary>
/// The one place that talks HTTP to Fireworks: adds the Fireworks key (never a client's credentials), applies the
/// per-call timeout, retries once with a refreshed key after 401/403, and turns failures into <see cref="AdapterException"/>.
/// Transient failures are retried below it, in the HttpClient's resilience pipeline (<see cref="FireworksResilience"/>),
/// within the earlier of the per-call timeout and the request deadline.
/// </summary>
internal sealed partial class FireworksImageClient(
    HttpClient http,
    IFireworksKeySource keys,
    IOptions<FireworksOptions> options,
    IOptions<AdapterOptions> adapterOptions,
    AdapterTelemetry telemetry,
    TimeProvider time,
    ILogger<FireworksImageClient> logger)
{
    public const string HttpClientName = "Fireworks";

    private readonly FireworksOptions _options = options.Value;

    public async Task<FireworksResponse> SendAsync(FireworksCall call, CancellationToken cancellationToken)
    {
        var key = await keys.GetKeyAsync(cancellationToken);
        var response = await SendOnceAsync(call, key, cancellationToken);
        if (response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // A key rotated in Key Vault takes effect without a restart: reload it once and try again.
            var refreshed = await keys.RefreshKeyAsync(key, cancellationToken);
            if (!string.Equals(refreshed, key, StringComparison.Ordinal))
            {
                key = refreshed;
                response = await SendOnceAsync(call, key, cancellationToken);
            }
        }

        return response.Status is >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices
            ? new FireworksResponse(response.ContentType, response.FinishReason, response.Body)
            : throw UpstreamErrors.FromResponse(response.Status, response.Headers, response.Body, key);
    }

    /// <summary>
    /// Downloads a Kontext <c>result.sample</c>. Only the base URL's host and the configured delivery hosts are allowed,
    /// and the Fireworks key goes only to the base URL's own origin.
    /// </summary>
    public async Task<byte[]> DownloadSampleAsync(string sample, CancellationToken cancellationToken)
    {
        var url = SampleUrlPolicy.Check(sample, _options);
        var key = SampleUrlPolicy.IsBaseOrigin(url, _options) ? await keys.GetKeyAsync(cancellationToken) : null;
        var response = await ExchangeAsync(HttpMethod.Get, url, null, "image/*", FireworksCall.NoHeaders, key, cancellationToken);
        return response.Status == HttpStatusCode.OK
            ? response.Body
            : throw new AdapterException(AdapterErrorKind.UpstreamInvalidResponse,
                $"Fireworks' generated image could not be downloaded ({(int)response.Status}).");
    }

    private Task<Exchange> SendOnceAsync(FireworksCall call, string key, CancellationToken cancellationToken) =>
        ExchangeAsync(HttpMethod.Post, new Uri(call.Path, UriKind.Relative), call.Body, call.Accept, call.Headers, key, cancellationToken);

    private async Task<Exchange> ExchangeAsync(
        HttpMethod method, Uri url, byte[]? body, string accept, IReadOnlyDictionary<string, string> headers, string? key, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CallTimeout);
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd(accept);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var callDeadline = time.GetUtcNow() + _options.CallTimeout;
        request.Options.Set(RequestBudget.CallDeadlineKey,
            RequestBudget.Current is { } requestDeadline && requestDeadline < callDeadline ? requestDeadline : callDeadline);
        var family = FireworksApiFamily.Of(url);
        var started = Stopwatch.GetTimestamp();
        var outcome = "cancelled";
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var bytes = await ReadBodyAsync(response.Content, timeout.Token);
            outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            LogCall(logger, method.Method, Describe(url), (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new Exchange(
                response.StatusCode,
                response.Headers,
                response.Content.Headers.ContentType?.MediaType,
                response.Headers.TryGetValues("Finish-Reason", out var reasons) ? reasons.FirstOrDefault() : null,
                bytes);
        }
        catch (BrokenCircuitException)
        {
            outcome = "circuit_open";
            LogFailure(logger, method.Method, Describe(url), "circuit open");
            throw new AdapterException(AdapterErrorKind.UpstreamUnavailable,
                "Fireworks is failing for this model family; the adapter stopped calling it for a short while. Retry later.")
            {
                RetryAfter = adapterOptions.Value.CircuitBreakDuration,
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = "timeout";
            LogFailure(logger, method.Method, Describe(url), "timeout");
            throw new AdapterException(AdapterErrorKind.UpstreamTimeout, $"Fireworks did not answer within {_options.CallTimeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException exception)
        {
            outcome = "connection";
            LogFailure(logger, method.Method, Describe(url), exception.HttpRequestError.ToString());
            throw new AdapterException(AdapterErrorKind.UpstreamUnreachable, "Fireworks could not be reached or dropped the connection.", inner: exception);
        }
        catch (IOException exception)
        {
            outcome = "connection";
            LogFailure(logger, method.Method, Describe(url), "io");
            throw new AdapterException(AdapterErrorKind.UpstreamUnreachable, "Fireworks dropped the connection.", inner: exception);
        }
        finally
        {
            telemetry.UpstreamDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new(TelemetryTags.Family, family), new(TelemetryTags.UpstreamOutcome, outcome), new(TelemetryTags.ProviderName, AdapterTelemetry.Provider));
        }
    }

    /// <summary>
    /// Images are megabytes: with a Content-Length (which Fireworks sends) the body goes straight into one array of its
    /// exact size. <see cref="HttpContent.ReadAsByteArrayAsync()"/> would buffer it and then copy it out, twice the bytes.
    /// Without a length, or beyond <see cref="HttpClient.MaxResponseContentBufferSize"/>, it still decides (and refuses).
    /// </summary>
    private async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is not { } length || length > http.MaxResponseContentBufferSize)
        {
            return await content.ReadAsByteArrayAsync(cancellationToken);
        }

        var body = new byte[length];
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        await stream.ReadExactlyAsync(body, cancellationToken);
        return body;
    }

    // Sample URLs may carry signed query strings: log scheme, host and path only.
    private static string Describe(Uri url) => url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : url.OriginalString;

    private sealed record Exchange(HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, string? FinishReason, byte[] Body);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fireworks {Method} {Path} answered {Status} in {ElapsedMs:0} ms")]
    private static partial void LogCall(ILogger logger, string method, string path, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fireworks {Method} {Path} failed: {Reason}")]
    private static partial void LogFailure(ILogger logger, string method, string path, string reason);
}
