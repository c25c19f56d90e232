using ImageAdapter.Errors;

namespace ImageAdapter.Fireworks;

/// <summary>Which Kontext <c>result.sample</c> URLs the adapter will fetch, and which may receive the Fireworks key.</summary>
internal static class SampleUrlPolicy
{
    public static Uri Check(string sample, FireworksOptions options)
    {
        if (!Uri.TryCreate(sample, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != options.BaseUrl.Scheme))
        {
            throw new AdapterException(AdapterErrorKind.UpstreamInvalidResponse, "Fireworks returned an image URL the adapter cannot use.");
        }

        var allowed = string.Equals(url.Host, options.BaseUrl.Host, StringComparison.OrdinalIgnoreCase)
            || options.SampleHostList.Contains(url.Host, StringComparer.OrdinalIgnoreCase);
        return allowed
            ? url
            : throw new AdapterException(AdapterErrorKind.UpstreamInvalidResponse,
                "Fireworks returned an image URL on a host the adapter is not allowed to fetch from (Fireworks__SampleHosts).");
    }

    public static bool IsBaseOrigin(Uri url, FireworksOptions options) =>
        Uri.Compare(url, options.BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
