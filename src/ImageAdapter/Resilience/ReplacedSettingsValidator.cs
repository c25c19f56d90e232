using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Resilience;

/// <summary>
/// Refuses to start with a backpressure setting that no longer exists, instead of silently ignoring it: admission
/// counts images now (a request takes <c>n</c> permits), so the old per-request counts cannot be carried over as they are.
/// </summary>
internal sealed class ReplacedSettingsValidator(IConfiguration configuration) : IValidateOptions<AdapterOptions>
{
    private static readonly (string Old, string New)[] Replaced =
    [
        ("MaxConcurrentGenerations", nameof(AdapterOptions.MaxConcurrentImages)),
        ("QueueLength", nameof(AdapterOptions.QueuedImages)),
    ];

    public ValidateOptionsResult Validate(string? name, AdapterOptions options)
    {
        var section = configuration.GetSection(AdapterOptions.Section);
        var failures = Replaced
            .Where(setting => section[setting.Old] is not null)
            .Select(setting => $"{AdapterOptions.Section}__{setting.Old} is no longer read: set {AdapterOptions.Section}__{setting.New} instead, which counts images (a request takes one per image of its n), not requests.")
            .ToArray();
        return failures.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
