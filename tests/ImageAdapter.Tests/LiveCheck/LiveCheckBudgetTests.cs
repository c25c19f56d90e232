using FireworksSimulator;
using ImageAdapter.LiveCheck;

namespace ImageAdapter.Tests.LiveCheck;

public sealed class LiveCheckBudgetTests
{
    [Fact]
    public async Task Run_BudgetBelowOneKontextImage_KontextNeverSubmittedAndSpendStaysWithin()
    {
        await using var run = await LiveCheckRuns.RunAsync(budget: 0.01m);

        Assert.Contains("exceeds the $", run.Probe("Kontext (flux-kontext-pro) 16:9").Skipped, StringComparison.Ordinal);
        Assert.Contains("exceeds the $", run.Probe("Kontext: aspect ratio beyond 21:9").Skipped, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Target.State.Requests, request => request.Kind == RequestKind.KontextSubmit);
        Assert.InRange(run.Report.Budget.Spent, 0.001m, 0.01m);
        // What fits runs: 0.01 covers seven schnell images at 4 steps (0.0014 each), not the eighth.
        Assert.Equal(7, run.Target.State.Requests.Count(request => request.Kind == RequestKind.TextToImage && request.Body.Contains("\"num_inference_steps\":4", StringComparison.Ordinal)));
    }
}
