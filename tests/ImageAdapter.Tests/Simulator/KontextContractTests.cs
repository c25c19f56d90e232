using System.Net;
using System.Text.Json;
using FireworksSimulator;

namespace ImageAdapter.Tests.Simulator;

public sealed class KontextContractTests : IClassFixture<SimulatorFixture>
{
    private const string Submit = SimulatorFixture.KontextSubmit;
    private readonly SimulatorFixture _sim;

    public KontextContractTests(SimulatorFixture sim)
    {
        _sim = sim;
        _sim.State.Reset();
    }

    [Fact]
    public async Task Kontext_DefaultScript_PendingThenReadyThenSampleDownloads()
    {
        var id = await _sim.SubmitKontextAsync("""{"prompt":"a cat"}""");

        using var pending = await _sim.PollKontextAsync(id);
        Assert.Equal("Pending", pending.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, pending.RootElement.GetProperty("result").ValueKind);

        using var ready = await _sim.PollKontextAsync(id);
        Assert.Equal(id, ready.RootElement.GetProperty("id").GetString());
        Assert.Equal("Ready", ready.RootElement.GetProperty("status").GetString());
        var sample = new Uri(ready.RootElement.GetProperty("result").GetProperty("sample").GetString()!);
        Assert.Equal(_sim.Server.BaseUrl.Authority, sample.Authority);

        using var download = await _sim.Client.GetAsync(sample, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(Images.IsPng(bytes));
        Assert.Equal((1024, 1024), Images.Size(bytes));
        var recorded = _sim.State.Requests[^1];
        Assert.Equal(RequestKind.SampleDownload, recorded.Kind);
        Assert.Null(recorded.Authorization);
    }

    [Fact]
    public async Task Kontext_ScriptedNotFoundAndPending_AnswersInThatOrder()
    {
        _sim.State.EnqueueKontextScript(new KontextScript(TaskNotFoundPolls: 2, PendingPolls: 2));
        var id = await _sim.SubmitKontextAsync("""{"prompt":"a cat"}""");

        var statuses = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var poll = await _sim.PollKontextAsync(id);
            statuses.Add(poll.RootElement.GetProperty("status").GetString()!);
        }

        Assert.Equal(["Task not found", "Task not found", "Pending", "Pending", "Ready", "Ready"], statuses);
    }

    [Fact]
    public async Task Kontext_ScriptedLost_AnswersTaskNotFoundAfterPending()
    {
        _sim.State.EnqueueKontextScript(new KontextScript(PendingPolls: 1, FinalStatus: KontextFinalStatus.Lost));
        var id = await _sim.SubmitKontextAsync("""{"prompt":"a cat"}""");

        var statuses = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var poll = await _sim.PollKontextAsync(id);
            statuses.Add(poll.RootElement.GetProperty("status").GetString()!);
        }

        Assert.Equal(["Pending", "Task not found", "Task not found"], statuses);
    }

    [Theory]
    [InlineData(KontextFinalStatus.RequestModerated, "Request Moderated")]
    [InlineData(KontextFinalStatus.ContentModerated, "Content Moderated")]
    [InlineData(KontextFinalStatus.Error, "Error")]
    [InlineData(KontextFinalStatus.NeverReady, "Pending")]
    public async Task Kontext_ScriptedFinalStatus_IsReportedWithoutSample(KontextFinalStatus final, string status)
    {
        _sim.State.DefaultKontextScript = new KontextScript(PendingPolls: 0, FinalStatus: final);
        var id = await _sim.SubmitKontextAsync("""{"prompt":"a cat"}""");

        for (var i = 0; i < 3; i++)
        {
            using var poll = await _sim.PollKontextAsync(id);
            Assert.Equal(status, poll.RootElement.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, poll.RootElement.GetProperty("result").ValueKind);
        }

        using var download = await _sim.Client.GetAsync(_sim.Url($"samples/{id}.png"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
    }

    [Fact]
    public async Task Kontext_GetWithQueryId_IsAccepted()
    {
        _sim.State.DefaultKontextScript = new KontextScript(PendingPolls: 0);
        var id = await _sim.SubmitKontextAsync("""{"prompt":"a cat","output_format":"jpeg","aspect_ratio":"16:9"}""");
        var request = new HttpRequestMessage(HttpMethod.Get, _sim.Url($"{SimulatorFixture.KontextPoll}?id={id}"));
        request.Headers.Authorization = new("Bearer", SimulatorFixture.Key);

        using var response = await _sim.SendAsync(request);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Ready", json.RootElement.GetProperty("status").GetString());
        Assert.EndsWith(".jpeg", json.RootElement.GetProperty("result").GetProperty("sample").GetString(), StringComparison.Ordinal);
        Assert.Equal(RequestKind.KontextGetResult, _sim.State.Requests[^1].Kind);
        Assert.Equal("GET", _sim.State.Requests[^1].Method);
        var sample = json.RootElement.GetProperty("result").GetProperty("sample").GetString()!;
        using var download = await _sim.Client.GetAsync(sample, TestContext.Current.CancellationToken);
        Assert.Equal(SimulatorImageSizes.ForAspectRatio("16:9"),
            Images.Decode(await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Kontext_SampleHostScripted_UrlUsesOtherHostAndStillDownloads()
    {
        _sim.State.EnqueueKontextScript(new KontextScript(PendingPolls: 0, SampleHost: "localhost"));
        var id = await _sim.SubmitKontextAsync("""{"prompt":"a cat","output_format":"jpeg"}""");
        using var ready = await _sim.PollKontextAsync(id);
        var sample = new Uri(ready.RootElement.GetProperty("result").GetProperty("sample").GetString()!);

        Assert.Equal("localhost", sample.Host);
        Assert.Equal(_sim.Server.Port, sample.Port);
        using var download = await _sim.Client.GetAsync(sample, TestContext.Current.CancellationToken);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal((1024, 1024), Images.Decode(await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
        Assert.Equal($"localhost:{_sim.Server.Port}", _sim.State.Requests[^1].Host);
    }

    [Fact]
    public async Task Kontext_SampleDownloadWithKey_RecordsAuthorization()
    {
        _sim.State.DefaultKontextScript = new KontextScript(PendingPolls: 0);
        var id = await _sim.SubmitKontextAsync("""{"prompt":"a cat"}""");
        var request = new HttpRequestMessage(HttpMethod.Get, _sim.Url($"samples/{id}.png"));
        request.Headers.Authorization = new("Bearer", SimulatorFixture.Key);

        using var response = await _sim.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Bearer {SimulatorFixture.Key}", _sim.State.Requests[^1].Authorization);
    }

    [Fact]
    public async Task Kontext_UnknownId_AnswersTaskNotFound()
    {
        using var poll = await _sim.PollKontextAsync("no-such-task");

        Assert.Equal("Task not found", poll.RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"aspect_ratio":"1:1"}""")]
    [InlineData("""{"prompt":"a","aspect_ratio":"3:1"}""")]
    [InlineData("""{"prompt":"a","aspect_ratio":"1:3"}""")]
    [InlineData("""{"prompt":"a","aspect_ratio":"wide"}""")]
    [InlineData("""{"prompt":"a","output_format":"webp"}""")]
    [InlineData("""{"prompt":"a","safety_tolerance":7}""")]
    [InlineData("""{"prompt":"a","safety_tolerance":-1}""")]
    public async Task Kontext_InvalidSubmit_Returns400WithErrorMessage(string body)
    {
        using var response = await _sim.PostAsync(Submit, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("error_message").GetString()));
    }

    [Theory]
    [InlineData("21:9")]
    [InlineData("9:21")]
    [InlineData("7:3")]
    public async Task Kontext_AspectRatioWithinBounds_IsAccepted(string ratio)
    {
        using var response = await _sim.PostAsync(Submit.Replace("pro", "max"), $$"""{"prompt":"a","aspect_ratio":"{{ratio}}","safety_tolerance":6}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
