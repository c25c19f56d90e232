using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace ImageAdapter.LiveCheck;

/// <summary>
/// Copies the request as YARP does, except <c>Host</c> (the upstream gets its own), notes the outgoing request with its
/// <c>Authorization</c> redacted, and buffers the answer so it can be recorded and still be relayed.
/// </summary>
internal sealed class RecordingTransformer(byte[] requestBody, Action<RecordedExchange> record) : HttpTransformer
{
    private string _method = "";
    private string _path = "";
    private List<KeyValuePair<string, string>> _requestHeaders = [];
    private bool _recorded;

    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.Headers.Host = null;
        _method = httpContext.Request.Method;
        _path = httpContext.Request.Path.Value + httpContext.Request.QueryString.Value;
        _requestHeaders = [.. proxyRequest.Headers.Concat(proxyRequest.Content?.Headers.AsEnumerable() ?? [])
            .Select(header => new KeyValuePair<string, string>(header.Key, Value(header.Key, string.Join(", ", header.Value))))
            .OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase)];
    }

    public override async ValueTask<bool> TransformResponseAsync(
        HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is null)
        {
            return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        }

        // Buffered content can be read twice: once here, once by YARP relaying it.
        await proxyResponse.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await proxyResponse.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = proxyResponse.Headers.Concat(proxyResponse.Content.Headers)
            .Select(header => new KeyValuePair<string, string>(header.Key, string.Join(", ", header.Value)))
            .OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();
        _recorded = true;
        record(new RecordedExchange(_method, _path, _requestHeaders, requestBody, (int)proxyResponse.StatusCode, headers, body));
        return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }

    /// <summary>The upstream could not be reached: recorded as the 502 the caller got (an answer cut later is already recorded).</summary>
    public void RecordFailure(HttpContext httpContext, string error)
    {
        if (!_recorded)
        {
            record(new RecordedExchange(
                httpContext.Request.Method, httpContext.Request.Path.Value ?? "", _requestHeaders, requestBody, StatusCodes.Status502BadGateway, [], [], error));
        }
    }

    private static string Value(string name, string value) =>
        string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) ? RecordedExchange.RedactAuthorization(value) : value;
}
