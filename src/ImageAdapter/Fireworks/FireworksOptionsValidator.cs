using Microsoft.Extensions.Options;

namespace ImageAdapter.Fireworks;

/// <summary>Start-up checks of <c>Fireworks__*</c> beyond the ranges on <see cref="FireworksOptions"/>.</summary>
internal sealed class FireworksOptionsValidator : IValidateOptions<FireworksOptions>
{
    public ValidateOptionsResult Validate(string? name, FireworksOptions options)
    {
        var failures = new List<string>();
        if (options.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Fireworks__BaseUrl must be an absolute https URL such as https://api.fireworks.ai/inference/v1, not '{options.BaseUrl?.OriginalString}'.");
        }

        // An entry that can never match (a URL, a path, a bad port) still makes the list strict: every Kontext download
        // would be refused, request after request.
        foreach (var entry in options.SampleHostList.Where(entry => !IsHostOrHostAndPort(entry)))
        {
            failures.Add($"Fireworks__SampleHosts lists '{entry}', which is not a host or host:port such as images.example or images.example:8443.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // SampleUrlPolicy compares entries with a URL's Host and with "{Host}:{Port}", so an entry must be one of those.
    private static bool IsHostOrHostAndPort(string entry) =>
        Uri.TryCreate($"https://{entry}/", UriKind.Absolute, out var url)
        && url.UserInfo.Length == 0
        && url.PathAndQuery == "/"
        && url.Fragment.Length == 0
        && (string.Equals(entry, url.Host, StringComparison.OrdinalIgnoreCase)
            || string.Equals(entry, $"{url.Host}:{url.Port}", StringComparison.OrdinalIgnoreCase));
}
