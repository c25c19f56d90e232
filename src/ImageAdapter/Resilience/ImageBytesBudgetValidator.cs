using ImageAdapter.Fireworks;
using ImageAdapter.Validation;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Resilience;

/// <summary>
/// <c>Adapter__MaxImageBytesInFlight</c> must hold at least one image of the largest size the adapter accepts, from
/// Fireworks (<c>Fireworks__MaxImageBytes</c>) or from a client (<c>Limits__MaxInputImageBytes</c>); below that, a
/// request with such an image would be answered 429 "retry later" every time.
/// </summary>
internal sealed class ImageBytesBudgetValidator(IOptions<FireworksOptions> fireworks, IOptions<LimitsOptions> limits) : IValidateOptions<AdapterOptions>
{
    public ValidateOptionsResult Validate(string? name, AdapterOptions options)
    {
        var (largest, setting) = fireworks.Value.MaxImageBytes >= limits.Value.MaxInputImageBytes
            ? ((long)fireworks.Value.MaxImageBytes, "Fireworks__MaxImageBytes")
            : (limits.Value.MaxInputImageBytes, "Limits__MaxInputImageBytes");
        return options.MaxImageBytesInFlight >= largest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Adapter__MaxImageBytesInFlight is {options.MaxImageBytesInFlight}, less than {setting} ({largest}): a request with an image that large would be refused every time.");
    }
}
