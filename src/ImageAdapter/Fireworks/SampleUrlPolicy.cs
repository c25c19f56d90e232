using ImageAdapter.Errors;

namespace ImageAdapter.Fireworks;

/// <summary>
/// Which Kontext <c>result.sample</c> URLs the adapter will fetch, and which may receive the Fireworks key. The base
/// URL's host is Fireworks itself. Any other host must be https, and is either in the strict allow-list
/// <see cref="FireworksOptions.SampleHosts"/> or, without one, reached only at public addresses
/// (<see cref="PublicAddressConnector"/>). The port is the scheme's default or the base URL's, unless the allow-list
/// names that host with that port.
/// </summary>
internal static class SampleUrlPolicy
{
    public static Uri Check(string sample, FireworksOptions options)
    {
        if (!Uri.TryCreate(sample, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw Refused("Fireworks returned an image URL the adapter cannot use.");
        }

        var baseHost = string.Equals(url.Host, options.BaseUrl.Host, StringComparison.OrdinalIgnoreCase);
        var listedWithPort = options.IsListedSampleHost($"{url.Host}:{url.Port}");
        var listed = listedWithPort || options.IsListedSampleHost(url.Host);
        var schemeAllowed = url.Scheme == Uri.UriSchemeHttps || ((baseHost || listed) && url.Scheme == options.BaseUrl.Scheme);
        var portAllowed = url.IsDefaultPort || url.Port == options.BaseUrl.Port || listedWithPort;
        var hostAllowed = baseHost || listed || options.SampleHostList.Count == 0;
        return schemeAllowed && portAllowed && hostAllowed
            ? url
            : throw Refused("Fireworks returned an image URL the adapter is not allowed to fetch.");
    }

    public static bool IsBaseOrigin(Uri url, FireworksOptions options) =>
        Uri.Compare(url, options.BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static AdapterException Refused(string message) => new(AdapterErrorKind.UpstreamInvalidResponse, message);
}
