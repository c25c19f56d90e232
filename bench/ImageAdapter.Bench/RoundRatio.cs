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
        var (median, low, high) = PairedRounds.Summarise(target, baseline, (t, b) => figure(b) > 0 ? figure(t) / figure(b) : double.NaN);
        return new RoundRatio(median, low, high);
    }

    /// <summary><c>0.93 (0.88-0.97)</c>: the median, then the lowest and highest round; the median alone when every round gave the same.</summary>
    public override string ToString() => Low == High ? $"{Median:F2}" : $"{Median:F2} ({Low:F2}-{High:F2})";
}
