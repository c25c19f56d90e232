using ImageAdapter.Errors;

namespace ImageAdapter.Secrets;

/// <summary>
/// The errors a secret source throws when it has no value to give. The messages reach clients, so they say
/// nothing about where secrets live (no vault name, secret name or status): operators find that in the logs.
/// </summary>
internal static class SecretsUnavailable
{
    public static AdapterException FireworksKey() =>
        new(AdapterErrorKind.AdapterNotConfigured, "The adapter has no upstream API key configured.");

    public static AdapterException InboundKeys() =>
        new(AdapterErrorKind.AdapterNotConfigured, "The adapter's client keys are not available.");
}
