using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FireworksSimulator;

namespace ImageAdapter.Tests.Simulator;

public sealed class FaultInjectionTests : IClassFixture<SimulatorFixture>
{
    private const string Sdxl = "image_generation/accounts/fireworks/models/SSD-1B";
    private const string Flux = "workflows/accounts/fireworks/models/flux-1-dev-fp8/text_to_image";
    private const string Kontext = "workflows/accounts/fireworks/models/flux-kontext-max";
    private const string Prompt = """{"prompt":"a cat"}""";
    private readonly SimulatorFixture _sim;

    public FaultInjectionTests(SimulatorFixture sim)
    {
        _sim = sim;
        _sim.State.Reset();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(402)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(412)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task StatusFault_AnyStatus_IsAnsweredOnceThenNormal(int status)
    {
        _sim.State.EnqueueFault(SimulatorFault.Status(status));

        using var faulted = await _sim.PostAsync(Sdxl, Prompt, "image/png");
        using var next = await _sim.PostAsync(Sdxl, Prompt, "image/png");

        Assert.Equal(status, (int)faulted.StatusCode);
        using var json = JsonDocument.Parse(await faulted.Content.ReadAsStringAsync(Ct));
        Assert.Equal(status >= 500 ? "internal_server_error" : "invalid_request_error",
            json.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Theory]
    [InlineData(ErrorBodyShape.FireworksError, """{"error":{"object":"error","type":"internal_server_error","message":"boom"}}""")]
    [InlineData(ErrorBodyShape.ErrorString, """{"error":"boom"}""")]
    [InlineData(ErrorBodyShape.Detail, """{"detail":"boom"}""")]
    [InlineData(ErrorBodyShape.GatewayFault, """{"fault":{"faultstring":"boom","detail":{"errorcode":"simulator.http.503"}}}""")]
    [InlineData(ErrorBodyShape.KontextErrorMessage, """{"error_message":"boom"}""")]
    [InlineData(ErrorBodyShape.PlainText, "boom")]
    [InlineData(ErrorBodyShape.Empty, "")]
    public async Task StatusFault_EachBodyShape_WritesThatShape(ErrorBodyShape shape, string expectedBody)
    {
        _sim.State.EnqueueFault(SimulatorFault.Status(503, shape, "boom"));

        using var response = await _sim.PostAsync(Flux, Prompt, "image/jpeg");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(expectedBody, await response.Content.ReadAsStringAsync(Ct));
        var expectedType = shape switch
        {
            ErrorBodyShape.PlainText => "text/plain",
            ErrorBodyShape.Empty => null,
            _ => "application/json",
        };
        Assert.Equal(expectedType, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(7, "7")]
    [InlineData(null, null)]
    public async Task RateLimited_WithOrWithoutRetryAfter_SendsHeaderOnlyWhenAsked(int? seconds, string? header)
    {
        _sim.State.EnqueueFault(SimulatorFault.RateLimited(seconds));

        using var response = await _sim.PostAsync(Sdxl, Prompt, "image/png");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(header, response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null);
    }

    [Fact]
    public async Task Fault_TargetingOtherKind_IsLeftForItsKind()
    {
        _sim.State.EnqueueFault(SimulatorFault.ContentFiltered(RequestKind.TextToImage));

        using var sdxl = await _sim.PostAsync(Sdxl, Prompt, "image/png");
        Assert.Equal(1, _sim.State.PendingFaultCount);
        using var flux = await _sim.PostAsync(Flux, Prompt, "image/jpeg");

        Assert.Equal("SUCCESS", sdxl.Headers.GetValues("Finish-Reason").Single());
        Assert.Equal("CONTENT_FILTERED", flux.Headers.GetValues("Finish-Reason").Single());
        Assert.Equal(0, _sim.State.PendingFaultCount);
    }

    [Fact]
    public async Task Fault_RequestWithWrongKey_GetsUnauthorizedAndLeavesFault()
    {
        _sim.State.EnqueueFault(SimulatorFault.Status(500));

        using var response = await _sim.PostAsync(Sdxl, Prompt, "image/png", key: "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, _sim.State.PendingFaultCount);
    }

    [Fact]
    public async Task PersistentFault_AppliesUntilCleared_OneShotTakesPrecedence()
    {
        _sim.State.SetPersistentFault(SimulatorFault.Status(503));
        _sim.State.EnqueueFault(SimulatorFault.Status(502));

        using var first = await _sim.PostAsync(Sdxl, Prompt, "image/png");
        using var second = await _sim.PostAsync(Sdxl, Prompt, "image/png");
        using var third = await _sim.PostAsync(Sdxl, Prompt, "image/png");
        _sim.State.ClearFaults();
        using var fourth = await _sim.PostAsync(Sdxl, Prompt, "image/png");

        Assert.Equal(
            [HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK],
            [first.StatusCode, second.StatusCode, third.StatusCode, fourth.StatusCode]);
    }

    [Fact]
    public async Task Latency_Delay_AnswersNormallyAfterIt()
    {
        _sim.State.EnqueueFault(SimulatorFault.Latency(TimeSpan.FromMilliseconds(300)));
        var clock = Stopwatch.StartNew();

        using var response = await _sim.PostAsync(Sdxl, Prompt, "image/png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task Latency_ClientCancels_IsRecordedAsAborted()
    {
        var never = new TaskCompletionSource();
        _sim.State.EnqueueFault(SimulatorFault.HeldUntil(never.Task, RequestKind.TextToImage));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // Cancel only once the simulator holds the request: cancelling earlier would not reach it at all.
        var sending = _sim.Client.SendAsync(_sim.Post(Flux, Prompt, "image/jpeg"), cancel.Token);
        await Hardening.HardeningClient.WaitUntilAsync(() => _sim.State.Requests.Count == 1, TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        Assert.True(await _sim.State.WaitForAbortedCountAsync(1, TimeSpan.FromSeconds(5)));
        var aborted = Assert.Single(_sim.State.AbortedRequests);
        Assert.Equal(RequestKind.TextToImage, aborted.Kind);
    }

    [Fact]
    public async Task ContentFiltered_SdxlBinaryAndJson_MarksFinishReasonAndStillSendsImage()
    {
        _sim.State.EnqueueFault(SimulatorFault.ContentFiltered());
        _sim.State.EnqueueFault(SimulatorFault.ContentFiltered());

        using var binary = await _sim.PostAsync(Sdxl, """{"prompt":"a cat","safety_check":true}""", "image/png");
        using var json = await _sim.PostAsync(Sdxl, """{"prompt":"a cat","safety_check":true}""", "application/json");

        Assert.Equal(HttpStatusCode.OK, binary.StatusCode);
        Assert.Equal("CONTENT_FILTERED", binary.Headers.GetValues("Finish-Reason").Single());
        Assert.Equal((1024, 1024), Images.Size(await binary.Content.ReadAsByteArrayAsync(Ct)));
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync(Ct));
        Assert.Equal("CONTENT_FILTERED", document.RootElement[0].GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task ContentFilteredSample_SdxlJson_FiltersOnlyThatArtifact()
    {
        _sim.State.EnqueueFault(SimulatorFault.ContentFilteredSample(1));

        using var response = await _sim.PostAsync(Sdxl, """{"prompt":"a cat","samples":3,"safety_check":true}""", "application/json");

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["SUCCESS", "CONTENT_FILTERED", "SUCCESS"],
            document.RootElement.EnumerateArray().Select(artifact => artifact.GetProperty("finishReason").GetString()));
    }

    [Fact]
    public async Task NotBase64Artifact_SdxlJson_BreaksOnlyTheLastArtifactsMiddleByte()
    {
        _sim.State.EnqueueFault(SimulatorFault.NotBase64Artifact());

        using var response = await _sim.PostAsync(Sdxl, """{"prompt":"a cat","samples":2}""", "application/json");

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var base64 = document.RootElement.EnumerateArray().Select(artifact => artifact.GetProperty("base64").GetString()!).ToArray();
        Assert.Equal((1024, 1024), Images.Size(Convert.FromBase64String(base64[0])));
        Assert.Equal('!', base64[1][base64[1].Length / 2]);
        Assert.Equal(1, base64[1].Count(character => character == '!'));
    }

    [Fact]
    public async Task ContentFiltered_FluxJson_MarksFinishReason()
    {
        _sim.State.EnqueueFault(SimulatorFault.ContentFiltered(RequestKind.TextToImage));

        using var response = await _sim.PostAsync(Flux, Prompt, "application/json");

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("CONTENT_FILTERED", document.RootElement.GetProperty("finishReason").GetString());
    }

    [Theory]
    [InlineData(RequestKind.KontextSubmit, "Request Moderated")]
    [InlineData(RequestKind.KontextGetResult, "Content Moderated")]
    public async Task ContentFiltered_Kontext_ReportsModeratedStatus(RequestKind target, string status)
    {
        _sim.State.DefaultKontextScript = new KontextScript(PendingPolls: 0);
        _sim.State.EnqueueFault(SimulatorFault.ContentFiltered(target));

        using var submit = await _sim.PostAsync(Kontext, Prompt);
        using var submitJson = JsonDocument.Parse(await submit.Content.ReadAsStringAsync(Ct));
        var id = submitJson.RootElement.GetProperty("request_id").GetString();
        using var poll = await _sim.PostAsync(Kontext + "/get_result", $$"""{"id":"{{id}}"}""");

        using var pollJson = JsonDocument.Parse(await poll.Content.ReadAsStringAsync(Ct));
        Assert.Equal(status, pollJson.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task MalformedBody_Json_IsTruncatedJson()
    {
        _sim.State.EnqueueFault(SimulatorFault.MalformedBody(RequestKind.ImageGeneration));

        using var response = await _sim.PostAsync(Sdxl, Prompt, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task MalformedBody_Image_IsTruncatedImage()
    {
        _sim.State.EnqueueFault(SimulatorFault.MalformedBody());

        using var response = await _sim.PostAsync(Sdxl, Prompt, "image/png");
        using var whole = await _sim.PostAsync(Sdxl, Prompt, "image/png");
        var healthy = await whole.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.True(Images.IsPng(bytes));
        Assert.Equal(Images.Size(healthy), Images.Size(bytes)); // the header survives: only the pixel data is cut
        Assert.Throws<InvalidOperationException>(() => Images.Decode(bytes));
    }

    [Fact]
    public async Task WrongContentType_Answers200Html()
    {
        _sim.State.EnqueueFault(SimulatorFault.WrongContentType(RequestKind.KontextSubmit));

        using var response = await _sim.PostAsync(Kontext, Prompt);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<html>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Sdxl, "image/png")]
    [InlineData(Kontext, null)]
    public async Task DroppedConnection_MidBody_FailsClientAndIsNoClientAbort(string route, string? accept)
    {
        _sim.State.EnqueueFault(SimulatorFault.DroppedConnection());

        var failure = await Record.ExceptionAsync(() => _sim.PostAsync(route, Prompt, accept));

        Assert.True(failure is HttpRequestException or IOException, $"got {failure?.GetType().Name ?? "no exception"}");
        using var healthy = await _sim.PostAsync(route, Prompt, accept);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(0, _sim.State.AbortedCount);
    }
}
