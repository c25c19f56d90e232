using Microsoft.Extensions.Options;

namespace ImageAdapter.Fireworks;

/// <summary>Start-up checks of <c>Fireworks__*</c> beyond the ranges on <see cref="FireworksOptions"/>.</summary>
internal sealed class FireworksOptionsValidator : IValidateOptions<FireworksOptions>
{
    public ValidateOptionsResult Validate(string? name, FireworksOptions options) =>
        options.BaseUrl is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Fireworks__BaseUrl must be an absolute https URL such as https://api.fireworks.ai/inference/v1, not '{options.BaseUrl?.OriginalString}'.");
}
