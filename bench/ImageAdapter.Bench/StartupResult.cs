namespace ImageAdapter.Bench;

/// <summary>Times from process start to the first 200 on <c>/healthz</c> and on a generation, one per start.</summary>
internal sealed record StartupResult(IReadOnlyList<TimeSpan> Health, IReadOnlyList<TimeSpan> FirstResponse)
{
    public TimeSpan MedianHealth => Median(Health);

    public TimeSpan MedianFirstResponse => Median(FirstResponse);

    private static TimeSpan Median(IReadOnlyList<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
