namespace ImageAdapter.Bench;

/// <summary>
/// One target's figure minus another's in one cell, round by round, for the reason <see cref="RoundRatio"/> gives: a
/// latency percentile over every round at once is decided by the rounds that fell in the machine's busiest moments
/// (one round in eight holds 12 % of the requests, so a slow one holds the whole p99).
/// </summary>
internal sealed record RoundDifference(double Median, double Low, double High)
{
    public static RoundDifference Of(CellResult target, CellResult baseline, Func<LoadResult, double> figure)
    {
        var (median, low, high) = PairedRounds.Summarise(target, baseline, (t, b) => figure(t) - figure(b));
        return new RoundDifference(median, low, high);
    }

    /// <summary><c>1.7 (-3.2 to 4.5)</c>: the median, then the lowest and highest round.</summary>
    public override string ToString() => Low == High ? $"{Median:F1}" : $"{Median:F1} ({Low:F1} to {High:F1})";
}
