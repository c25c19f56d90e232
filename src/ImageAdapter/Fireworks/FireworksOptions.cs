using System.ComponentModel.DataAnnotations;

namespace ImageAdapter.Fireworks;

/// <summary>Settings under <c>Fireworks__*</c>.</summary>
public sealed class FireworksOptions
{
    public const string Section = "Fireworks";

    /// <summary>Base URL of the Fireworks inference API; every call, including Kontext polling, is built from it.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.fireworks.ai/inference/v1");

    /// <summary>Longest one Fireworks call (headers and body) may take before it counts as an upstream timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How many Fireworks calls one request may run at once when it fans out (FLUX and Kontext, n &gt; 1).</summary>
    [Range(1, 10)]
    public int MaxParallelCalls { get; set; } = 4;

    /// <summary>Pause between two Kontext <c>get_result</c> polls.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest a Kontext task may take from submit to <c>Ready</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PollDeadline { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Largest image the adapter accepts from Fireworks, counted as its bytes arrive (a promised
    /// <c>Content-Length</c> decides nothing). An answer holding several images (SDXL's JSON) may hold that many.
    /// </summary>
    [Range(typeof(long), "1048576", "268435456")] // 1 MiB to 256 MiB
    public long MaxImageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Optional strict allow-list: comma-separated host names, besides the base URL's, that Kontext
    /// <c>result.sample</c> URLs may point to (<c>host</c> on the default or the base URL's port, or <c>host:port</c>).
    /// Empty (the default): any https host whose addresses are all public, checked when the connection is made. The
    /// Fireworks key is never sent to them.
    /// </summary>
    public string SampleHosts { get; set; } = "";

    internal IReadOnlyList<string> SampleHostList =>
        SampleHosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal bool IsListedSampleHost(string hostOrAuthority) => SampleHostList.Contains(hostOrAuthority, StringComparer.OrdinalIgnoreCase);
}
