namespace ImageAdapter.Bench;

/// <summary>Two targets' windows of one cell paired round by round (<see cref="RoundRatio"/>, <see cref="RoundDifference"/>).</summary>
internal static class PairedRounds
{
    /// <summary>The median, lowest and highest of <paramref name="pair"/> over the rounds; all NaN when any round gave NaN.</summary>
    public static (double Median, double Low, double High) Summarise(CellResult target, CellResult baseline, Func<LoadResult, LoadResult, double> pair)
    {
        var values = target.Rounds.Zip(baseline.Rounds, pair).Order().ToArray();
        if (values.Length == 0 || values.Any(double.IsNaN))
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        var middle = values.Length / 2;
        var median = values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return (median, values[0], values[^1]);
    }
}
