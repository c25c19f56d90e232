using System.Net;
using System.Web;

namespace ImageAdapter.LiveCheck;

/// <summary>
/// A Kontext <c>result.sample</c> URL and what a plain GET of it, without any key, answered. The query string is kept
/// out of the report but for parameters that tell an expiry; every other value may be a signature.
/// </summary>
internal sealed record SampleDownload(Uri Url, int Status, string? ContentType, string? ImageSize, string? CacheControl, string? Expires, string? Error)
{
    private static readonly string[] ExpiryParameters = ["expires", "x-amz-expires", "x-goog-expires", "se", "exp", "expiry", "x-amz-date", "x-goog-date", "st"];

    public static async Task<SampleDownload> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            return new SampleDownload(url, 0, null, null, null, null, "not an http(s) URL");
        }

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new SampleDownload(url, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                ImageDimensions.Of(body), response.Headers.CacheControl?.ToString(), response.Content.Headers.Expires?.ToString("R"), null);
        }
        catch (HttpRequestException exception)
        {
            return new SampleDownload(url, 0, null, null, null, null, exception.HttpRequestError.ToString());
        }
    }

    /// <summary><c>scheme://host:port</c>, the port always written out.</summary>
    public string Origin => $"{Url.Scheme}://{Url.Host}:{Url.Port}";

    /// <summary>The query's parameter names, with values only for those that tell an expiry.</summary>
    public string QuerySummary
    {
        get
        {
            var query = HttpUtility.ParseQueryString(Url.Query);
            var parts = query.AllKeys.OfType<string>()
                .Select(name => ExpiryParameters.Contains(name, StringComparer.OrdinalIgnoreCase) ? $"{name}={query[name]}" : $"{name}=…")
                .ToArray();
            return parts.Length == 0 ? "no query" : string.Join("&", parts);
        }
    }

    public override string ToString() => Error is not null
        ? $"GET failed: {Error}"
        : $"GET without key → {Status} {ContentType} {ImageSize}".TrimEnd() + (Status is >= 300 and < 400 ? " (redirect)" : "");

    public bool Succeeded => Status == (int)HttpStatusCode.OK;
}
