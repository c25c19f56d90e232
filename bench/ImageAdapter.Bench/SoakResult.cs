namespace ImageAdapter.Bench;

/// <summary>
/// Working-set samples of the soak. Growth compares the average of the first and the last window (one minute, or a
/// fifth of the run when it is shorter than five minutes); it passes when the last window is within 5 % of the first.
/// </summary>
internal sealed record SoakResult(IReadOnlyList<(TimeSpan At, long Bytes)> Samples, LoadResult Load, TimeSpan Duration)
{
    public const double AllowedGrowth = 0.05;

    public TimeSpan Window => Duration >= TimeSpan.FromMinutes(5) ? TimeSpan.FromMinutes(1) : Duration / 5;

    public double FirstWindowAverage => Average(Samples.Where(s => s.At <= Window));

    public double LastWindowAverage => Average(Samples.Where(s => s.At >= Duration - Window));

    public double Growth => FirstWindowAverage == 0 ? 0 : LastWindowAverage / FirstWindowAverage - 1;

    public bool Passed => Samples.Count >= 2 && Growth <= AllowedGrowth;

    private static double Average(IEnumerable<(TimeSpan At, long Bytes)> samples)
    {
        var list = samples.Select(s => (double)s.Bytes).ToArray();
        return list.Length == 0 ? 0 : list.Average();
    }
}
