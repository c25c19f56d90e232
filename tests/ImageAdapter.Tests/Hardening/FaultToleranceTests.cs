using FireworksSimulator;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary>
/// One test per upstream fault, through real HTTP: the documented OpenAI error, and only the calls the retry policy allows.
/// Deadlines here are far beyond the work (see <see cref="FaultFixture{THost}"/>); the tests where a deadline must pass
/// are in <see cref="FaultDeadlineTests{THost}"/>.
/// </summary>
public abstract class FaultToleranceTests<THost> : IClassFixture<FaultFixture<THost>>
    where THost : IHostKind
{
    private readonly AdapterApp _app;

    protected FaultToleranceTests(FaultFixture<THost> fixture)
    {
        _app = fixture.App;
        _app.Simulator.State.Reset();
        _app.ForgetLogs();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private SimulatorState Simulator => _app.Simulator.State;

    private int Calls(RequestKind kind) => Simulator.Requests.Count(request => request.Kind == kind);

    [Fact]
    public async Task RateLimited_RetryAfterWithinDeadline_RetriesOnceThenSucceeds()
    {
        Simulator.EnqueueFault(SimulatorFault.RateLimited(retryAfterSeconds: 1));

        using var response = await _app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);

        Assert.Equal((200, null), await response.OutcomeAsync());
        Assert.Equal(2, Calls(RequestKind.ImageGeneration));
        _app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task RateLimited_RetryAfterPastDeadline_Returns429WithRetryAfterWithoutWaiting()
    {
        // The call's deadline is its 30 s timeout: a 60 s Retry-After cannot be honoured, so the client gets it at once.
        Simulator.EnqueueFault(SimulatorFault.RateLimited(retryAfterSeconds: 60));

        using var response = await _app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);

        Assert.Equal((429, "rate_limit_exceeded"), await response.OutcomeAsync());
        Assert.Equal("60", response.RetryAfter());
        Assert.Equal(1, Calls(RequestKind.ImageGeneration));
        _app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task RateLimited_NoRetryAfter_Returns429WithoutBlindRetry()
    {
        Simulator.SetPersistentFault(SimulatorFault.RateLimited());

        using var response = await _app.GenerateAsync(HardeningClient.Flux, cancellationToken: Token);

        Assert.Equal((429, "rate_limit_exceeded"), await response.OutcomeAsync());
        Assert.Equal(1, Calls(RequestKind.TextToImage));
        _app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task Unavailable_OnceThenHealthy_RetriedAndSucceeds()
    {
        Simulator.EnqueueFault(SimulatorFault.Status(503));

        using var response = await _app.GenerateAsync(HardeningClient.Flux, cancellationToken: Token);

        Assert.Equal((200, null), await response.OutcomeAsync());
        Assert.Equal(2, Calls(RequestKind.TextToImage));
        _app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task Unavailable_Burst_RetriedUpToMaxRetriesThen503()
    {
        Simulator.SetPersistentFault(SimulatorFault.Status(503, retryAfter: "0"));

        using var response = await _app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);

        Assert.Equal((503, "upstream_unavailable"), await response.OutcomeAsync());
        Assert.Equal(3, Calls(RequestKind.ImageGeneration)); // first attempt + Adapter:MaxRetries (2)
        _app.AssertNoUnexpectedFailure();
    }

    [Theory]
    [InlineData(500, 502, "upstream_error")]
    [InlineData(502, 502, "upstream_error")]
    [InlineData(504, 504, "upstream_timeout")]
    public async Task ServerError_MayHaveGenerated_NotRetried(int upstream, int status, string code)
    {
        Simulator.SetPersistentFault(SimulatorFault.Status(upstream));

        using var response = await _app.GenerateAsync(HardeningClient.Flux, cancellationToken: Token);

        Assert.Equal((status, code), await response.OutcomeAsync());
        Assert.Equal(1, Calls(RequestKind.TextToImage));
        _app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task DroppedConnection_MidBody_Returns502OneCall()
    {
        Simulator.EnqueueFault(SimulatorFault.DroppedConnection());

        using var response = await _app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);

        Assert.Equal((502, "upstream_unreachable"), await response.OutcomeAsync());
        Assert.Equal(1, Calls(RequestKind.ImageGeneration));
        _app.AssertNoUnexpectedFailure();
    }

    [Theory]
    [InlineData(HardeningClient.Sdxl, 2, RequestKind.ImageGeneration)] // n > 1: JSON artifacts cut in half
    [InlineData(HardeningClient.Kontext, 1, RequestKind.KontextSubmit)] // {"request_id"} cut in half
    public async Task MalformedJson_Truncated_Returns502InvalidResponse(string model, int n, RequestKind kind)
    {
        Simulator.EnqueueFault(SimulatorFault.MalformedBody(kind));

        using var response = await _app.GenerateAsync(model, n, cancellationToken: Token);

        Assert.Equal((502, "upstream_invalid_response"), await response.OutcomeAsync());
        Assert.Equal(1, Calls(kind));
        _app.AssertNoUnexpectedFailure();
    }

    // Regression: an SDXL answer with more artifacts than `samples` inflated the images and the usage returned. A byte
    // outside the base64 alphabet deep in the last artifact, megabytes into the answer, is refused before the status
    // line goes out: the notes taken as the answer was read (NonBase64Bytes) must not vouch for it. (n=1 is answered
    // as one binary image, so the JSON list only exists for n > 1.)
    [Theory]
    [InlineData("extra artifact", 2)]
    [InlineData("extra artifact", 4)]
    [InlineData("not base64", 2)]
    [InlineData("not base64", 4)]
    public async Task SdxlJsonAnswerWrong_Returns502InvalidResponse(string fault, int n)
    {
        Simulator.EnqueueFault(fault == "extra artifact"
            ? SimulatorFault.ExtraArtifact(RequestKind.ImageGeneration)
            : SimulatorFault.NotBase64Artifact(RequestKind.ImageGeneration));

        using var response = await _app.GenerateAsync(HardeningClient.Sdxl, n: n, cancellationToken: Token);

        Assert.Equal((502, "upstream_invalid_response"), await response.OutcomeAsync());
        Assert.Equal(1, Calls(RequestKind.ImageGeneration));
        _app.AssertNoUnexpectedFailure();
    }

    [Theory]
    [InlineData(HardeningClient.Sdxl)]
    [InlineData(HardeningClient.Kontext)]
    public async Task WrongContentType_HtmlPage_Returns502InvalidResponse(string model)
    {
        Simulator.EnqueueFault(SimulatorFault.WrongContentType());

        using var response = await _app.GenerateAsync(model, cancellationToken: Token);

        Assert.Equal((502, "upstream_invalid_response"), await response.OutcomeAsync());
        _app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task Kontext_SampleOnDisallowedHost_Returns502AndNeverDownloads()
    {
        Simulator.EnqueueKontextScript(new KontextScript(SampleHost: "localhost"));

        using var response = await _app.GenerateAsync(HardeningClient.Kontext, cancellationToken: Token);

        Assert.Equal((502, "upstream_invalid_response"), await response.OutcomeAsync());
        Assert.Equal(0, Calls(RequestKind.SampleDownload));
        _app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task Kontext_PollFailsOnce_PollRetriedAndImageReturned()
    {
        Simulator.EnqueueFault(SimulatorFault.Status(500, target: RequestKind.KontextGetResult));

        using var response = await _app.GenerateAsync(HardeningClient.Kontext, cancellationToken: Token);

        Assert.Equal((200, null), await response.OutcomeAsync());
        Assert.Equal(1, Calls(RequestKind.KontextSubmit));
        Assert.Equal(1, Calls(RequestKind.SampleDownload));
        _app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task ClientDisconnect_MidGeneration_UpstreamCallAborted()
    {
        Simulator.EnqueueFault(SimulatorFault.Latency(TimeSpan.FromMinutes(5), RequestKind.TextToImage));
        using var client = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var request = _app.GenerateAsync(HardeningClient.Flux, cancellationToken: client.Token);
        await HardeningClient.WaitUntilAsync(() => Calls(RequestKind.TextToImage) == 1, TimeSpan.FromSeconds(10));
        await client.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.True(await Simulator.WaitForAbortedCountAsync(1, TimeSpan.FromSeconds(10)));
        await HardeningClient.WaitUntilAsync(
            () => _app.HasLogged("client disconnected"),
            TimeSpan.FromSeconds(10));
        _app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task ClientDisconnect_WhileKontextPolls_PollingStops()
    {
        Simulator.EnqueueKontextScript(new KontextScript(FinalStatus: KontextFinalStatus.NeverReady));
        using var client = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var request = _app.GenerateAsync(HardeningClient.Kontext, cancellationToken: client.Token);
        await HardeningClient.WaitUntilAsync(() => Calls(RequestKind.KontextGetResult) >= 2, TimeSpan.FromSeconds(10));
        await client.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await HardeningClient.WaitUntilAsync(
            () => _app.HasLogged("client disconnected"),
            TimeSpan.FromSeconds(10));

        // Polls run every 20 ms: had polling gone on, half a second would show many more.
        var polls = Calls(RequestKind.KontextGetResult);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Token);
        Assert.InRange(Calls(RequestKind.KontextGetResult), polls, polls + 1);
        _app.AssertNoUnexpectedFailure();
    }
}

public sealed class FaultToleranceTestsOnServer(FaultFixture<OnServer> fixture) : FaultToleranceTests<OnServer>(fixture);

public sealed class FaultToleranceTestsOnFunctions(FaultFixture<OnFunctions> fixture) : FaultToleranceTests<OnFunctions>(fixture);
