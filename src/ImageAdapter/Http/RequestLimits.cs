using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ImageAdapter.Http;

/// <summary>The server's own request-body limit, set per request to the adapter's, so the adapter's settings decide.</summary>
internal static class RequestLimits
{
    /// <summary>
    /// Sets Kestrel's limit for this request's body (by default 30,000,000 bytes for every request) to
    /// <paramref name="maxBytes"/>: a larger <c>Limits__MaxInputImageBytes</c> then works, and a body over the limit
    /// is cut off by the server as it arrives. Servers without the feature, or a body already being read, keep theirs.
    /// </summary>
    public static void Apply(HttpRequest request, long maxBytes)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }
    }
}
