using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FireworksSimulator;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.EndToEnd;

/// <summary>
/// Every row of the README's error table, end to end: status, <c>error.code</c>, <c>param</c>, the OpenAI envelope
/// (validated against <c>ErrorResponse</c>), and that no upstream internals or keys leak.
/// Upstream rows share an adapter whose circuit breaker never opens, so one row's failures cannot colour the next;
/// rows that need other settings get their own adapter.
/// </summary>
public abstract class ErrorTableEndToEndTests<THost> : IClassFixture<ErrorTableFixture<THost>>
    where THost : IHostKind
{
    private const string ValidBody = ErrorTableRows.ValidBody;

    private readonly AdapterApp _app;

    protected ErrorTableEndToEndTests(ErrorTableFixture<THost> fixture)
    {
        _app = fixture.App;
        _app.Simulator.State.Reset();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(ErrorTableRows.BadRequests), MemberType = typeof(ErrorTableRows))]
    public async Task Generate_BadRequest_AnswersTheTableRow(string body, string contentType, int status, string code, string? param)
    {
        using var response = await _app.PostGenerationAsync(body, contentType);

        await AssertErrorAsync(response, status, code, param);
        Assert.Empty(_app.Simulator.State.Requests);
    }

    [Fact]
    public async Task Generate_BodyLargerThanLimit_Answers413()
    {
        var body = $$"""{"model":"flux-1-schnell-fp8","prompt":"{{new string('x', 1024 * 1024)}}"}""";

        using var response = await _app.PostGenerationAsync(body);

        await AssertErrorAsync(response, 413, "request_too_large", null);
    }

    [Theory]
    [InlineData(null, 401, "invalid_api_key")]
    [InlineData("Bearer wrong-key", 401, "invalid_api_key")]
    [InlineData("Basic YWRhcHRlcjprZXk=", 401, "invalid_api_key")]
    public async Task Generate_MissingOrWrongKey_Answers401(string? authorization, int status, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images/generations")
        {
            Content = new StringContent(ValidBody, Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _app.Http.SendAsync(request, Token);

        await AssertErrorAsync(response, status, code, null);
        Assert.Empty(_app.Simulator.State.Requests);
    }

    [Fact]
    public async Task Generate_WrongKeyThroughOpenAISdk_ThrowsWith401()
    {
        var error = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() =>
            _app.Images("flux-1-schnell-fp8", apiKey: "not-the-key").GenerateImageAsync("a fox", cancellationToken: Token));

        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task Models_WithoutKey_Answers401AndHealthStaysOpen()
    {
        using var models = await _app.Http.GetAsync("/v1/models", Token);
        using var health = await _app.Http.GetAsync("/healthz", Token);

        await AssertErrorAsync(models, 401, "invalid_api_key", null);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_Answers404InTheEnvelope()
    {
        using var response = await _app.Http.GetAsync("/v1/images/nope", Token);

        await AssertErrorAsync(response, 404, "not_found", null);
    }

    [Fact]
    public async Task Generate_NoInboundKeysConfigured_Answers401SayingHowToConfigure()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?> { ["Auth:ApiKeys"] = "" }, THost.Host);

        using var response = await app.PostGenerationAsync(ValidBody);

        var error = await AssertErrorAsync(response, 401, "auth_not_configured", null);
        Assert.Contains("Auth__ApiKeys", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Generate_AnonymousAllowed_WorksWithoutKey()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?> { ["Auth:ApiKeys"] = "", ["Auth:AllowAnonymous"] = "true" }, THost.Host);

        using var response = await app.Http.PostAsync("/v1/images/generations", new StringContent(ValidBody, Encoding.UTF8, "application/json"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ErrorTableRows.UpstreamStatuses), MemberType = typeof(ErrorTableRows))]
    public async Task Generate_UpstreamStatus_AnswersTheTableRow(int upstream, ErrorBodyShape shape, int status, string code)
    {
        _app.Simulator.State.SetPersistentFault(SimulatorFault.Status(upstream, shape, message: "internal detail fw-test-key"));

        using var response = await _app.PostGenerationAsync(ValidBody);

        var error = await AssertErrorAsync(response, status, code, upstream == 404 ? "model" : null);
        Assert.DoesNotContain("fw-test-key", error.ToJsonString());
        Assert.DoesNotContain(_app.Simulator.BaseUrl.Authority, error.ToJsonString());
    }

    [Theory]
    [InlineData("7", "7")]
    [InlineData("300", "300")]
    public async Task Generate_Upstream429WithRetryAfter_KeepsRetryAfter(string upstream, string expected)
    {
        _app.Simulator.State.SetPersistentFault(SimulatorFault.Status(429, retryAfter: upstream));

        using var response = await _app.PostGenerationAsync(ValidBody);

        await AssertErrorAsync(response, 429, "rate_limit_exceeded", null);
        Assert.Equal(expected, response.Headers.GetValues("Retry-After").Single());
    }

    // The shared adapter's call timeout is a minute: these answers never depend on how fast the machine is.
    [Theory]
    [InlineData("connection failure", 502, "upstream_unreachable")]
    [InlineData("malformed body", 502, "upstream_invalid_response")]
    [InlineData("wrong content type", 502, "upstream_invalid_response")]
    [InlineData("content filtered", 400, "content_policy_violation")]
    public async Task Generate_UpstreamMisbehaves_AnswersTheTableRow(string fault, int status, string code)
    {
        _app.Simulator.State.SetPersistentFault(fault switch
        {
            "connection failure" => SimulatorFault.DroppedConnection(),
            "malformed body" => SimulatorFault.MalformedBody(),
            "wrong content type" => SimulatorFault.WrongContentType(),
            _ => SimulatorFault.ContentFiltered(),
        });

        using var response = await _app.PostGenerationAsync(ValidBody);

        await AssertErrorAsync(response, status, code, null);
    }

    // The simulator holds the answer until the test ends, so the 1 s call timeout is always the first to pass.
    [Fact]
    public async Task Generate_UpstreamSlowerThanCallTimeout_Answers504()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?> { ["Fireworks:CallTimeout"] = "00:00:01" }, THost.Host);
        var never = new TaskCompletionSource();
        app.Simulator.State.SetPersistentFault(SimulatorFault.HeldUntil(never.Task));

        using var response = await app.PostGenerationAsync(ValidBody);
        never.SetResult();

        await AssertErrorAsync(response, 504, "upstream_timeout", null);
    }

    [Fact]
    public async Task Generate_SdxlJsonWithOneFilteredSample_AnswersContentPolicyViolation()
    {
        _app.Simulator.State.EnqueueFault(SimulatorFault.ContentFilteredSample(1));

        using var response = await _app.PostGenerationAsync("""{"model":"SSD-1B","prompt":"a fox","n":2,"safety_check":true}""");

        await AssertErrorAsync(response, 400, "content_policy_violation", null);
    }

    [Fact]
    public async Task Generate_UpstreamUnreachable_Answers502()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?> { ["Fireworks:BaseUrl"] = "http://127.0.0.1:9/inference/v1" }, THost.Host);

        using var response = await app.PostGenerationAsync(ValidBody);

        await AssertErrorAsync(response, 502, "upstream_unreachable", null);
    }

    // The shared adapter's poll deadline is a minute: a slow machine cannot turn these into generation_timeout.
    [Theory]
    [InlineData(KontextFinalStatus.RequestModerated, 400, "content_policy_violation")]
    [InlineData(KontextFinalStatus.ContentModerated, 400, "content_policy_violation")]
    [InlineData(KontextFinalStatus.Error, 502, "generation_failed")]
    [InlineData(KontextFinalStatus.Lost, 502, "generation_failed")]
    public async Task Generate_KontextFinalStatus_AnswersTheTableRow(KontextFinalStatus final, int status, string code)
    {
        _app.Simulator.State.EnqueueKontextScript(new KontextScript(PendingPolls: 2, FinalStatus: final));

        using var response = await _app.PostGenerationAsync("""{"model":"flux-kontext-pro","prompt":"a fox"}""");

        await AssertErrorAsync(response, status, code, null);
    }

    [Fact]
    public async Task Generate_KontextNeverReady_Answers504AtThePollDeadline()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?> { ["Fireworks:PollDeadline"] = "00:00:01" }, THost.Host);
        app.Simulator.State.EnqueueKontextScript(new KontextScript(PendingPolls: 2, FinalStatus: KontextFinalStatus.NeverReady));

        using var response = await app.PostGenerationAsync("""{"model":"flux-kontext-pro","prompt":"a fox"}""");

        await AssertErrorAsync(response, 504, "generation_timeout", null);
    }

    [Fact]
    public async Task Generate_KontextSampleOnForeignHost_Answers502WithoutDownloading()
    {
        _app.Simulator.State.EnqueueKontextScript(new KontextScript(SampleHost: "localhost"));

        using var response = await _app.PostGenerationAsync("""{"model":"flux-kontext-pro","prompt":"a fox"}""");

        await AssertErrorAsync(response, 502, "upstream_invalid_response", null);
        Assert.DoesNotContain(_app.Simulator.State.Requests, r => r.Kind == RequestKind.SampleDownload);
    }

    [Fact]
    public async Task Generate_KontextSampleOnConfiguredDeliveryHost_DownloadsWithoutTheKey()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?> { ["Fireworks:SampleHosts"] = "cdn.example, localhost" }, THost.Host);
        app.Simulator.State.EnqueueKontextScript(new KontextScript(SampleHost: "localhost"));

        using var response = await app.PostGenerationAsync("""{"model":"flux-kontext-pro","prompt":"a fox"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var download = Assert.Single(app.Simulator.State.Requests, r => r.Kind == RequestKind.SampleDownload);
        Assert.Null(download.Authorization);
    }

    private static async Task<JsonNode> AssertErrorAsync(HttpResponseMessage response, int status, string code, string? param)
    {
        var json = await response.Content.ReadAsStringAsync(Token);
        Assert.True(status == (int)response.StatusCode, $"Expected {status}, got {(int)response.StatusCode}: {json[..Math.Min(json.Length, 300)]}");
        await OpenApiSchemas.AssertValidAsync(json, "ErrorResponse");
        var error = JsonNode.Parse(json)!["error"]!;
        Assert.Equal(code, error["code"]?.GetValue<string>());
        Assert.Equal(param, error["param"]?.GetValue<string>());
        Assert.True(response.Headers.Contains("x-request-id"));
        return error;
    }
}

public sealed class ErrorTableEndToEndTestsOnServer(ErrorTableFixture<OnServer> fixture) : ErrorTableEndToEndTests<OnServer>(fixture);

public sealed class ErrorTableEndToEndTestsOnFunctions(ErrorTableFixture<OnFunctions> fixture) : ErrorTableEndToEndTests<OnFunctions>(fixture);
