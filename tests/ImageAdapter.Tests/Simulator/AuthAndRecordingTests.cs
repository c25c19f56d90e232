using System.Net;
using System.Text.Json;
using FireworksSimulator;

namespace ImageAdapter.Tests.Simulator;

public sealed class AuthAndRecordingTests : IClassFixture<SimulatorFixture>
{
    private const string Flux = "workflows/accounts/fireworks/models/flux-1-schnell-fp8/text_to_image";
    private const string Prompt = """{"prompt":"a cat"}""";
    private readonly SimulatorFixture _sim;

    public AuthAndRecordingTests(SimulatorFixture sim)
    {
        _sim = sim;
        _sim.State.Reset();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("not-the-key")]
    [InlineData(null)]
    public async Task Request_WrongOrMissingKey_Returns401FireworksError(string? key)
    {
        using var response = await _sim.PostAsync(Flux, Prompt, "image/jpeg", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("error", json.RootElement.GetProperty("error").GetProperty("object").GetString());
    }

    [Fact]
    public async Task AcceptedKeys_Swapped_OldKeyRejectedNewKeyAccepted()
    {
        _sim.State.SetAcceptedKeys("fw-rotated");

        using var old = await _sim.PostAsync(Flux, Prompt, "image/jpeg");
        using var rotated = await _sim.PostAsync(Flux, Prompt, "image/jpeg", "fw-rotated");

        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
    }

    [Fact]
    public async Task AcceptedKeys_AddedThenRemoved_TakesEffectImmediately()
    {
        _sim.State.AddAcceptedKey("fw-second");
        using var added = await _sim.PostAsync(Flux, Prompt, "image/jpeg", "fw-second");
        _sim.State.RemoveAcceptedKey("fw-second");
        using var removed = await _sim.PostAsync(Flux, Prompt, "image/jpeg", "fw-second");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, removed.StatusCode);
    }

    [Fact]
    public async Task Requests_AfterPost_RecordMethodPathHeadersBodyAndHost()
    {
        const string body = """{"prompt":"a cat","aspect_ratio":"16:9"}""";

        using var response = await _sim.PostAsync(Flux + "?trace=1", body, "image/jpeg");

        var recorded = Assert.Single(_sim.State.Requests);
        Assert.Equal(1, recorded.Sequence);
        Assert.Equal(RequestKind.TextToImage, recorded.Kind);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/inference/v1/" + Flux + "?trace=1", recorded.PathAndQuery);
        Assert.Equal($"Bearer {SimulatorFixture.Key}", recorded.Authorization);
        Assert.Equal("image/jpeg", recorded.Header("accept"));
        Assert.StartsWith("application/json", recorded.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(body, recorded.Body);
        Assert.Equal($"127.0.0.1:{_sim.Server.Port}", recorded.Host);
    }

    [Fact]
    public async Task Reset_AfterRequests_ForgetsThemAndRestoresKeys()
    {
        _sim.State.SetAcceptedKeys("other");
        using var response = await _sim.PostAsync(Flux, Prompt, "image/jpeg");

        _sim.State.Reset();

        Assert.Empty(_sim.State.Requests);
        Assert.Equal([SimulatorFixture.Key], _sim.State.AcceptedKeys);
    }

    [Fact]
    public async Task UnknownRoute_Returns404JsonAndIsRecordedAsOther()
    {
        using var response = await _sim.PostAsync("images/generations", Prompt);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(json.RootElement.TryGetProperty("error", out _));
        Assert.Equal(RequestKind.Other, Assert.Single(_sim.State.Requests).Kind);
    }

    [Fact]
    public void BaseUrl_IsLoopbackInferenceV1WithoutTrailingSlash()
    {
        Assert.Equal($"http://127.0.0.1:{_sim.Server.Port}/inference/v1", _sim.Server.BaseUrl.ToString());
    }
}
