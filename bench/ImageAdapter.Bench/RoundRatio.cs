namespace ImageAdapter.Bench;

/// <summary>
/// One target's figure over another's in one cell, taken round by round: within a round the two were measured in
/// windows next to each other, so what the machine did meanwhile weighs on both, and a round that fell in a busy moment
/// moves one ratio instead of the cell's. <see cref="Median"/> is what a target is judged on; <see cref="Low"/> and
/// <see cref="High"/>, the lowest and the highest round, show how far one round can be trusted. All are NaN when a
/// baseline answered nothing in some round.
/// </summary>
internal sealed record RoundRatio(double Median, double Low, double High)
{
    public static RoundRatio Of(CellResult target, CellResult baseline, Func<LoadResult, double> figure)
    {
        var ratios = target.Rounds.Zip(baseline.Rounds, (t, b) => figure(b) > 0 ? figure(t) / figure(b) : double.NaN).Order().ToArray();
        if (ratios.Length == 0 || ratios.Any(double.IsNaN))
        {
            return new RoundRatio(double.NaN, double.NaN, double.NaN);
        }

        var middle = ratios.Length / 2;
        var median = ratios.Length % 2 == 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
        return new RoundRatio(median, ratios[0], ratios[^1]);
    }

    /// <summary><c>0.93 (0.88-0.97)</c>: the median, then the lowest and highest round; the median alone when every round gave the same.</summary>
    public override string ToString() => Low == High ? $"{Median:F2}" : $"{Median:F2} ({Low:F2}-{High:F2})";
}
