extern alias BenchTool;

using BenchTool::ImageAdapter.Bench;

namespace ImageAdapter.Tests.Bench;

/// <summary>The benchmark's arithmetic: throughput from the answers that ended in a window, and ratios and differences taken round by round.</summary>
public sealed class BenchFiguresTests
{
    [Fact]
    public void Throughput_CountsAnswersEndedInWindow_NotOnlyRequestsStartedInIt()
    {
        // 4 clients on 0.5 s requests in a 2 s window: 16 answers end in it, but only 12 of them also started in it.
        var load = Window(TimeSpan.FromSeconds(2), answered: 16, measuredLatencies: 12);

        Assert.Equal(8.0, load.Throughput);
        Assert.Equal(12, load.Succeeded);
    }

    [Fact]
    public void Cell_Load_IsEveryRoundAsOne()
    {
        var cell = Cell(Window(TimeSpan.FromSeconds(3), answered: 30), Window(TimeSpan.FromSeconds(3), answered: 60));

        Assert.Equal(TimeSpan.FromSeconds(6), cell.Load.Duration);
        Assert.Equal(90, cell.Load.AnsweredInWindow);
        Assert.Equal(15.0, cell.Load.Throughput);
    }

    [Fact]
    public void RoundRatio_OneSlowRound_DoesNotDecideTheMedian()
    {
        var ratio = ThroughputRatio([94, 96, 60, 98], [100, 100, 100, 100]);

        // Summed over the rounds, the slow one would have made it 0.87.
        Assert.Equal(0.95, ratio.Median, 6);
        Assert.Equal(0.60, ratio.Low, 6);
        Assert.Equal(0.98, ratio.High, 6);
        Assert.Equal("0.95 (0.60-0.98)", ratio.ToString());
    }

    [Fact]
    public void RoundRatio_PairsEachRoundWithItsOwn_SoADriftBetweenRoundsCancels()
    {
        // The machine got twice as slow after the first round, for both targets alike.
        var ratio = ThroughputRatio([90, 45, 45], [100, 50, 50]);

        Assert.Equal(0.9, ratio.Median, 6);
        Assert.Equal(0.9, ratio.Low, 6);
        Assert.Equal(0.9, ratio.High, 6);
        Assert.Equal("0.90", ratio.ToString());
    }

    [Fact]
    public void RoundRatio_OddRounds_TakesTheMiddleOne()
    {
        var ratio = ThroughputRatio([80, 120, 90], [100, 100, 100]);

        Assert.Equal(0.9, ratio.Median, 6);
    }

    [Fact]
    public void RoundRatio_BaselineAnsweredNothingInARound_IsNaN()
    {
        var ratio = ThroughputRatio([80, 90], [100, 0]);

        Assert.True(double.IsNaN(ratio.Median));
        Assert.True(double.IsNaN(ratio.Low));
        Assert.False(ratio.Median >= 0.9, "a ratio that could not be taken must not pass");
    }

    [Fact]
    public void RoundDifference_OneSlowRound_DoesNotDecideTheP99()
    {
        // Four rounds of 100 requests; in the third the machine was busy while the adapter was measured.
        var adapter = Cell(Latencies(60, 62), Latencies(61, 63), Latencies(60, 95, slowest: 10), Latencies(59, 62));
        var floor = Cell(Latencies(58, 60), Latencies(59, 61), Latencies(58, 60), Latencies(58, 59));

        var byRound = RoundDifference.Of(adapter, floor, load => load.P99);

        // Over all rounds at once, the slow round's tail is the whole p99: 95 against 60.
        Assert.Equal(35.0, adapter.Load.P99 - floor.Load.P99, 6);
        Assert.Equal(2.5, byRound.Median, 6);
        Assert.Equal(2.0, byRound.Low, 6);
        Assert.Equal(35.0, byRound.High, 6);
        Assert.Equal("2.5 (2.0 to 35.0)", byRound.ToString());
    }

    [Fact]
    public void RoundDifference_TargetAnsweredNothingInARound_IsNaN()
    {
        var adapter = Cell(Latencies(60, 62), Window(TimeSpan.FromSeconds(1), answered: 0));
        var floor = Cell(Latencies(58, 60), Latencies(58, 60));

        var byRound = RoundDifference.Of(adapter, floor, load => load.P99);

        Assert.True(double.IsNaN(byRound.Median));
        Assert.False(byRound.Median <= 5, "a difference that could not be taken must not pass");
    }

    /// <summary>A 1 s window of 100 answers: the <paramref name="slowest"/> at <paramref name="tail"/> ms, the others at <paramref name="typical"/> ms.</summary>
    private static LoadResult Latencies(double typical, double tail, int slowest = 2) =>
        new([.. Enumerable.Repeat(typical, 100 - slowest), .. Enumerable.Repeat(tail, slowest)], 0, 0, TimeSpan.FromSeconds(1), null, 0, TimeSpan.Zero, 100);

    /// <summary>Two cells of 1 s rounds that answered these many requests each, and their throughput ratio.</summary>
    private static RoundRatio ThroughputRatio(int[] target, int[] baseline) =>
        RoundRatio.Of(Cell([.. target.Select(Rate)]), Cell([.. baseline.Select(Rate)]), load => load.Throughput);

    private static LoadResult Rate(int answeredPerSecond) => Window(TimeSpan.FromSeconds(1), answeredPerSecond);

    private static LoadResult Window(TimeSpan duration, int answered, int? measuredLatencies = null) =>
        new(Enumerable.Repeat(10.0, measuredLatencies ?? answered).ToArray(), 0, 0, duration, null, 0, TimeSpan.Zero, answered);

    private static CellResult Cell(params LoadResult[] rounds) =>
        new(Workload.All[0], 16, TargetKind.Adapter, rounds, 0, []);
}
