namespace ImageAdapter.Bench;

/// <summary>
/// What one measured window produced; <see cref="SortedLatencies"/> holds successful requests only, in ms.
/// <see cref="TooManyRequests"/> counts every 429 of the run, warm-up included: a client turned away then was turned away.
/// <see cref="Cpu"/> is the serving processes' CPU time over the window (zero when not measured), and
/// <see cref="AnsweredInWindow"/> the 200 answers that ended in it, whenever they started.
/// </summary>
internal sealed record LoadResult(
    double[] SortedLatencies, int Failures, long Bytes, TimeSpan Duration, string? FirstError, int TooManyRequests, TimeSpan Cpu, int AnsweredInWindow)
{
    public int Succeeded => SortedLatencies.Length;

    /// <summary>
    /// The 200 answers that ended in the window, per second. Counting only the requests that also started in it would
    /// leave out about one request per client at each edge, as many as each takes seconds (a 0.6 s request in a 3 s
    /// window: a fifth), and more for the slower of two targets.
    /// </summary>
    public double Throughput => AnsweredInWindow / Duration.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    /// <summary>Two windows of the same target, workload and concurrency as one.</summary>
    public static LoadResult Combine(LoadResult first, LoadResult second) => new(
        [.. first.SortedLatencies.Concat(second.SortedLatencies).Order()],
        first.Failures + second.Failures,
        first.Bytes + second.Bytes,
        first.Duration + second.Duration,
        first.FirstError ?? second.FirstError,
        first.TooManyRequests + second.TooManyRequests,
        first.Cpu + second.Cpu,
        first.AnsweredInWindow + second.AnsweredInWindow);

    /// <summary>CPU milliseconds of the serving processes per 200 answer; NaN when nothing was answered.</summary>
    public double CpuMsPerRequest => AnsweredInWindow == 0 ? double.NaN : Cpu.TotalMilliseconds / AnsweredInWindow;

    public double MegabytesPerResponse => Succeeded == 0 ? 0 : Bytes / (double)Succeeded / 1_000_000;

    /// <summary>Nearest-rank percentile; NaN when nothing succeeded.</summary>
    public double Percentile(double fraction)
    {
        if (SortedLatencies.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(fraction * SortedLatencies.Length) - 1;
        return SortedLatencies[Math.Clamp(rank, 0, SortedLatencies.Length - 1)];
    }
}
