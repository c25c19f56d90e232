using System.Diagnostics.Metrics;

namespace ImageAdapter.Secrets;

/// <summary>
/// <c>image_adapter.secret_cache.lookups</c>: every Key Vault secret lookup, tagged with the secret's name and
/// whether the cache answered (<c>hit</c>) or the vault was read (<c>miss</c>). Exported with the adapter's meter name.
/// </summary>
internal static class SecretCacheMetrics
{
    private static readonly Meter Meter = new(Telemetry.AdapterTelemetry.Name);

    private static readonly Counter<long> Lookups = Meter.CreateCounter<long>(
        "image_adapter.secret_cache.lookups", "{lookup}", "Key Vault secret lookups, by secret and cache result.");

    public static void Hit(string secretName) => Record(secretName, "hit");

    public static void Miss(string secretName) => Record(secretName, "miss");

    private static void Record(string secretName, string result) =>
        Lookups.Add(1, new KeyValuePair<string, object?>("image_adapter.secret", secretName), new KeyValuePair<string, object?>("image_adapter.cache.result", result));
}
