using ImageAdapter.LiveCheck;

namespace ImageAdapter.Tests.LiveCheck;

public sealed class LiveCheckCommandTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task RunAsync_NoKey_SaysSkippedAndSucceedsWithoutReport(string? key)
    {
        var report = Path.Combine(Path.GetTempPath(), $"livecheck-{Guid.NewGuid():N}.md");
        var output = new StringWriter();

        var exit = await LiveCheckCommand.RunAsync(["--out", report], key, output, TestContext.Current.CancellationToken);

        Assert.Equal(LiveCheckCommand.Matches, exit);
        Assert.StartsWith("Live check skipped: FIREWORKS_API_KEY is not set", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(report));
    }

    [Theory]
    [InlineData("--budget", "lots")]
    [InlineData("--budget", "-1")]
    [InlineData("--kontext-model", "flux-1-dev-fp8")]
    [InlineData("--flux-steps", "0")]
    [InlineData("--unknown", "x")]
    [InlineData("--out")]
    public async Task RunAsync_BadArguments_ReturnsUsageBeforeAnyCall(params string[] args)
    {
        var output = new StringWriter();

        var exit = await LiveCheckCommand.RunAsync(args, "fw-would-be-used", output, TestContext.Current.CancellationToken);

        Assert.Equal(LiveCheckCommand.Usage, exit);
        Assert.StartsWith("livecheck: ", output.ToString(), StringComparison.Ordinal);
    }
}
