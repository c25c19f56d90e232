using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using ImageAdapter.Errors;
using ImageAdapter.Imaging;
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
    IHttpClientFactory httpClients,
    IFireworksKeySource keys,
    IOptions<FireworksOptions> options,
    IOptions<AdapterOptions> adapterOptions,
    AdapterTelemetry telemetry,
    TimeProvider time,
    ILogger<FireworksImageClient> logger)
{
    public const string HttpClientName = "Fireworks";

    /// <summary>The client for Kontext samples on hosts other than the base URL's: it connects only to public addresses.</summary>
    public const string SampleHttpClientName = "FireworksSamples";

    // Room for SDXL's JSON around its base64 images (field names, seeds, finish reasons).
    private const long JsonEnvelopeBytes = 64 * 1024;

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

            if (response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                LogKeyRejected(logger, (int)response.Status);
            }
        }

        return response.Status is >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices
            ? new FireworksResponse(response.ContentType, response.FinishReason, response.Body, response.Noted)
            : throw UpstreamErrors.FromResponse(response.Status, response.Headers, response.Body, key);
    }

    /// <summary>
    /// Downloads a Kontext <c>result.sample</c> (<see cref="SampleUrlPolicy"/> says which URLs may be fetched). Only
    /// the base URL's own origin receives the Fireworks key; any other host is reached through the
    /// <see cref="SampleHttpClientName"/> client, which connects only to public addresses. Every failure gives the
    /// client the same message, so the adapter cannot be used to probe what answers where.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>> DownloadSampleAsync(string sample, CancellationToken cancellationToken)
    {
        var url = SampleUrlPolicy.Check(sample, _options);
        var baseOrigin = SampleUrlPolicy.IsBaseOrigin(url, _options);
        var key = baseOrigin ? await keys.GetKeyAsync(cancellationToken) : null;
        var client = baseOrigin ? http : httpClients.CreateClient(SampleHttpClientName);
        Exchange response;
        try
        {
            response = await ExchangeAsync(client, HttpMethod.Get, url, null, "image/*", FireworksCall.NoHeaders, key, _options.MaxImageBytes, cancellationToken);
        }
        catch (AdapterException exception) when (exception.Kind is AdapterErrorKind.UpstreamUnreachable or AdapterErrorKind.UpstreamInvalidResponse)
        {
            throw SampleNotDownloaded(exception);
        }

        if (response.Status != HttpStatusCode.OK || response.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) != true)
        {
            LogSampleRefused(logger, Describe(url), (int)response.Status, response.ContentType ?? "none");
            throw SampleNotDownloaded(null);
        }

        return response.Body;
    }

    private static AdapterException SampleNotDownloaded(Exception? inner) =>
        new(AdapterErrorKind.UpstreamInvalidResponse, "Fireworks' generated image could not be downloaded.", inner: inner);

    private Task<Exchange> SendOnceAsync(FireworksCall call, string key, CancellationToken cancellationToken) =>
        ExchangeAsync(http, HttpMethod.Post, new Uri(call.Path, UriKind.Relative), call.CreateContent(), call.Accept, call.Headers, key, LimitOf(call), cancellationToken);

    /// <summary>The most bytes one answer may hold: its images, in base64 (4 bytes for every 3) when they come in JSON.</summary>
    private long LimitOf(FireworksCall call) => call.Accept == FireworksPaths.Json
        ? call.Images * (_options.MaxImageBytes / 3 * 4) + JsonEnvelopeBytes
        : call.Images * _options.MaxImageBytes;

    private async Task<Exchange> ExchangeAsync(
        HttpClient client, HttpMethod method, Uri url, HttpContent? content, string accept, IReadOnlyDictionary<string, string> headers, string? key, long limit,
        CancellationToken cancellationToken)
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

        request.Content = content;

        var callDeadline = time.GetUtcNow() + _options.CallTimeout;
        request.Options.Set(RequestBudget.CallDeadlineKey,
            RequestBudget.Current is { } requestDeadline && requestDeadline < callDeadline ? requestDeadline : callDeadline);
        var family = FireworksApiFamily.Of(url);
        var started = Stopwatch.GetTimestamp();
        var outcome = "cancelled";
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var contentType = response.Content.Headers.ContentType?.MediaType;
            var noted = contentType == FireworksPaths.Json ? new NonBase64Bytes() : null;
            var bytes = await UpstreamBody.ReadAsync(response.Content, limit, noted, timeout.Token);
            outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            LogCall(logger, method.Method, Describe(url), (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new Exchange(
                response.StatusCode,
                response.Headers,
                contentType,
                response.Headers.TryGetValues("Finish-Reason", out var reasons) ? reasons.FirstOrDefault() : null,
                bytes,
                noted);
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

    // Sample URLs may carry signed query strings: log scheme, host and path only.
    private static string Describe(Uri url) => url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : url.OriginalString;

    private sealed record Exchange(HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, string? FinishReason, Memory<byte> Body, NonBase64Bytes? Noted);

    // Debug: the request's access line already says how it went; a failed call has its own Warning.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Fireworks {Method} {Path} answered {Status} in {ElapsedMs:0} ms")]
    private static partial void LogCall(ILogger logger, string method, string path, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fireworks {Method} {Path} failed: {Reason}")]
    private static partial void LogFailure(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fireworks rejected the adapter's API key ({Status}) even after it was read again: check the key in Fireworks__ApiKey or in the Key Vault secret KeyVault__FireworksApiKeySecret names, and the account's access to the model")]
    private static partial void LogKeyRejected(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kontext sample {Path} refused: status {Status}, content type {ContentType}")]
    private static partial void LogSampleRefused(ILogger logger, string path, int status, string contentType);
}
