using System.ComponentModel.DataAnnotations;

namespace ImageAdapter.Resilience;

/// <summary>Settings under <c>Adapter__*</c>: the request deadline, backpressure, retries and circuit breakers.</summary>
public sealed class AdapterOptions
{
    public const string Section = "Adapter";

    /// <summary>
    /// Longest a request may take from arrival to answer. Below the 230 s after which Azure's front end cuts a
    /// response, so the client gets a 504 envelope rather than a dropped connection.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:03:45")]
    public TimeSpan RequestDeadline { get; set; } = TimeSpan.FromSeconds(200);

    /// <summary>
    /// Images one instance has in flight at once, from the Fireworks call until the answer carrying them is written: a
    /// request takes one permit per image (its <c>n</c>), because its memory follows its images. At least 10, OpenAI's
    /// largest <c>n</c>, so that every request can run.
    /// </summary>
    [Range(10, 10_000)]
    public int MaxConcurrentImages { get; set; } = 32;

    /// <summary>Images whose requests may wait for permits; a request beyond that is answered 429 at once.</summary>
    [Range(0, 100_000)]
    public int QueuedImages { get; set; } = 256;

    /// <summary>Longest a queued request waits for its permits before it is answered 429.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Image bytes (as received from Fireworks) that the requests on this instance may hold at once. A request that
    /// would go beyond it is answered 429 with <c>Retry-After</c>, instead of the instance running out of memory.
    /// </summary>
    [Range(typeof(long), "16777216", "68719476736")] // 16 MiB to 64 GiB
    public long MaxImageBytesInFlight { get; set; } = 256 * 1024 * 1024;

    /// <summary>Retries after the first attempt of one Fireworks call (only for the cases in the retry policy).</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First backoff when Fireworks gave no <c>Retry-After</c>; doubles with each retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Share of failed calls (5xx, connection failures) in the sampling window that opens a family's circuit.</summary>
    [Range(0.01, 1.0)]
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Calls a family must see in the sampling window before its circuit may open.</summary>
    [Range(2, 10_000)]
    public int CircuitMinimumThroughput { get; set; } = 10;

    /// <summary>Window over which the failure ratio is measured.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit answers 503 before it lets one trial call through; also the 503's <c>Retry-After</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest <c>/readyz</c> waits for the key sources.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// With <c>stream: true</c>, how often an SSE comment is sent while the images are still being made, so that
    /// proxies with idle timeouts keep the connection open during slow Kontext tasks.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan StreamKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(10);
}
