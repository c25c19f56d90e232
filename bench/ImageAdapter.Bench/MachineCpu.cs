using System.Globalization;

namespace ImageAdapter.Bench;

/// <summary>
/// The CPU's model and its largest cache, as Linux reports them, for the report's header: without a fixed gen0 budget
/// the runtime sizes gen0 from that cache, so memory figures from machines with different caches are not comparable.
/// </summary>
internal static class MachineCpu
{
    public static string Describe()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var cacheKiB = Directory.Exists("/sys/devices/system/cpu/cpu0/cache")
            ? Directory.GetDirectories("/sys/devices/system/cpu/cpu0/cache", "index*").Select(CacheKiB).DefaultIfEmpty(0).Max()
            : 0;
        return $"{model ?? "CPU model unknown"}, largest cache {(cacheKiB > 0 ? $"{cacheKiB / 1024.0:0.#} MiB" : "unknown")}";
    }

    // A cache's size file reads like "266240K".
    private static long CacheKiB(string index)
    {
        var size = Path.Combine(index, "size");
        return File.Exists(size) && long.TryParse(File.ReadAllText(size).Trim().TrimEnd('K'), NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : 0;
    }
}
