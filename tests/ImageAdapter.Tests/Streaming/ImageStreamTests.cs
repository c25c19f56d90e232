using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json.Nodes;
using FireworksSimulator;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Streaming;

/// <summary>
/// <c>stream: true</c> on generations and edits: OpenAI's completed events (checked against the spec's event schemas),
/// keep-alive comments while Fireworks works, and failures as a JSON error before the stream begins or an
/// <c>error</c> event after. The events are read with an ordinary SSE parser (<see cref="SseParser"/>), as the OpenAI
/// .NET SDK does not expose image streaming.
/// </summary>
public abstract class ImageStreamTests<THost> : IClassFixture<StreamFixture<THost>>
    where THost : IHostKind
{
    private readonly AdapterApp _app;

    protected ImageStreamTests(StreamFixture<THost> fixture)
    {
        _app = fixture.App;
        _app.Simulator.State.Reset();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("flux-1-schnell-fp8", 1)]
    [InlineData("stable-diffusion-xl-1024-v1-0", 2)]
    [InlineData("flux-kontext-pro", 3)]
    public async Task Generate_Stream_OneCompletedEventPerImageThatDecodes(string model, int n)
    {
        using var response = await PostAsync("/v1/images/generations", Json($$"""{"model":"{{model}}","prompt":"a red fox","n":{{n}},"stream":true,"partial_images":2}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = await ReadEventsAsync(response);
        Assert.Equal(n, events.Count);
        foreach (var item in events)
        {
            Assert.Equal("image_generation.completed", item.EventType);
            await OpenApiSchemas.AssertValidAsync(item.Data, "ImageGenCompletedEvent");
            var data = JsonNode.Parse(item.Data)!;
            Assert.Equal("image_generation.completed", data["type"]!.GetValue<string>());
            Assert.Equal((1024, 1024), Images.Decode(Convert.FromBase64String(data["b64_json"]!.GetValue<string>())));
            Assert.Equal(("1024x1024", "png", "opaque", "auto"), (Text(data, "size"), Text(data, "output_format"), Text(data, "background"), Text(data, "quality")));
        }
    }

    [Fact]
    public async Task EventSchema_EventMissingItsImageOrWithAnotherSize_IsInvalid()
    {
        // The schema check above must be able to fail: a size outside the enum and a missing b64_json are caught.
        const string Event = """{"type":"image_generation.completed","created_at":1,"size":"1360x768","quality":"auto","background":"opaque","output_format":"png","usage":{"total_tokens":0,"input_tokens":0,"output_tokens":0,"input_tokens_details":{"text_tokens":0,"image_tokens":0}}}""";

        var errors = await OpenApiSchemas.ValidateAsync(Event, "ImageGenCompletedEvent");

        Assert.Contains(errors, error => error.Contains("b64_json", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Contains("size", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generate_StreamOfThree_UsageAddsUpToTheRequestsUsage()
    {
        var body = """{"model":"flux-kontext-max","prompt":"a red fox","n":3}""";
        using var plain = await PostAsync("/v1/images/generations", Json(body));
        var expected = JsonNode.Parse(await plain.Content.ReadAsStringAsync(Token))!["usage"]!;

        using var streamed = await PostAsync("/v1/images/generations", Json(body.Replace("}", ""","stream":true}""", StringComparison.Ordinal)));

        var usages = (await ReadEventsAsync(streamed)).Select(item => JsonNode.Parse(item.Data)!["usage"]!).ToArray();
        Assert.True(JsonNode.DeepEquals(expected, usages[0]), $"first event: {usages[0].ToJsonString()}, request: {expected.ToJsonString()}");
        Assert.All(usages[1..], usage => Assert.Equal(0, usage["total_tokens"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Generate_StreamWithQualityHigh_SaysHigh()
    {
        using var response = await PostAsync("/v1/images/generations", Json("""{"model":"flux-1-dev-fp8","prompt":"a fox","quality":"high","size":"1792x1024","stream":true}"""));

        var data = JsonNode.Parse(Assert.Single(await ReadEventsAsync(response)).Data)!;
        // 16:9 is not one of the sizes the event schema allows, so the event says "auto".
        Assert.Equal(("high", "auto"), (Text(data, "quality"), Text(data, "size")));
    }

    [Fact]
    public async Task Edit_Stream_EditCompletedEventsWithTheInputImageCounted()
    {
        var png = InputImages.Png(64, 32);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("flux-kontext-pro"), "model" },
            { new StringContent("make it blue"), "prompt" },
            { new StringContent("2"), "n" },
            { new StringContent("true"), "stream" },
            { new ByteArrayContent(png), "image", "cat.png" },
        };

        using var response = await PostAsync("/v1/images/edits", form);

        var events = await ReadEventsAsync(response);
        Assert.Equal(2, events.Count);
        foreach (var item in events)
        {
            Assert.Equal("image_edit.completed", item.EventType);
            await OpenApiSchemas.AssertValidAsync(item.Data, "ImageEditCompletedEvent");
        }

        Assert.Equal(2, JsonNode.Parse(events[0].Data)!["usage"]!["input_tokens_details"]!["image_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Generate_SlowKontext_SendsKeepAliveCommentsThenTheImage()
    {
        var release = new TaskCompletionSource();
        _app.Simulator.State.EnqueueFault(SimulatorFault.HeldUntil(release.Task, RequestKind.KontextGetResult));

        using var response = await PostAsync("/v1/images/generations", Json("""{"model":"flux-kontext-pro","prompt":"a fox","stream":true}"""));
        var (beforeRelease, rest) = await ReadAcrossKeepAliveAsync(response, release);

        Assert.DoesNotContain("event:", beforeRelease, StringComparison.Ordinal);
        var item = Assert.Single(await ParseAsync(rest));
        Assert.Equal("image_generation.completed", item.EventType);
    }

    [Fact]
    public async Task Generate_FailureAfterTheStreamBegan_IsAnErrorEventAndTheStreamEnds()
    {
        var release = new TaskCompletionSource();
        _app.Simulator.State.EnqueueKontextScript(new KontextScript(FinalStatus: KontextFinalStatus.Error));
        _app.Simulator.State.EnqueueFault(SimulatorFault.HeldUntil(release.Task, RequestKind.KontextGetResult));

        using var response = await PostAsync("/v1/images/generations", Json("""{"model":"flux-kontext-pro","prompt":"a fox","stream":true}"""));
        var (_, rest) = await ReadAcrossKeepAliveAsync(response, release);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = Assert.Single(await ParseAsync(rest));
        Assert.Equal("error", item.EventType);
        var data = JsonNode.Parse(item.Data)!;
        Assert.Equal("error", Text(data, "type"));
        await OpenApiSchemas.AssertValidAsync(new JsonObject { ["error"] = data["error"]!.DeepClone() }.ToJsonString(), "ErrorResponse");
        Assert.Equal("generation_failed", Text(data["error"]!, "code"));
    }

    [Fact]
    public async Task Generate_FailureBeforeTheStreamBegan_IsTheUsualJsonError()
    {
        using var response = await PostAsync("/v1/images/generations", Json("""{"model":"no-such-model","prompt":"a fox","stream":true}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("model_not_found", Text(JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!, "code"));
    }

    [Fact]
    public async Task Generate_UpstreamFailureBeforeAnyKeepAlive_IsTheUsualJsonErrorWithItsStatus()
    {
        _app.Simulator.State.EnqueueFault(SimulatorFault.Status(400, message: "bad prompt", target: RequestKind.TextToImage));

        using var response = await PostAsync("/v1/images/generations", Json("""{"model":"flux-1-schnell-fp8","prompt":"a fox","stream":true}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("upstream_invalid_request", Text(JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!, "code"));
    }

    [Theory]
    [InlineData("""{"model":"flux-1-schnell-fp8","prompt":"a fox","stream":true,"response_format":"url"}""", "response_format")]
    [InlineData("""{"model":"flux-1-schnell-fp8","prompt":"a fox","stream":true,"partial_images":4}""", "partial_images")]
    [InlineData("""{"model":"flux-1-schnell-fp8","prompt":"a fox","stream":true,"partial_images":-1}""", "partial_images")]
    public async Task Generate_StreamWithAFieldItCannotHonour_Is400NamingIt(string body, string field)
    {
        using var response = await PostAsync("/v1/images/generations", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, Text(JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!, "param"));
    }

    [Fact]
    public async Task Generate_ClientLeavesDuringTheStream_CancelsTheKontextWork()
    {
        var never = new TaskCompletionSource();
        _app.Simulator.State.EnqueueFault(SimulatorFault.HeldUntil(never.Task, RequestKind.KontextGetResult));

        using (var response = await PostAsync("/v1/images/generations", Json("""{"model":"flux-kontext-pro","prompt":"a fox","stream":true}""")))
        using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token)))
        {
            while (await reader.ReadLineAsync(Token) is { } line && line != ": keep-alive")
            {
            }
        }

        Assert.True(await _app.Simulator.State.WaitForAbortedCountAsync(1, TimeSpan.FromSeconds(30)), "the held Kontext poll is aborted");
        Assert.True(await _app.WaitForLogAsync("the client disconnected"), "the adapter logs the disconnect");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();

    private async Task<HttpResponseMessage> PostAsync(string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new("Bearer", AdapterApp.InboundKey);
        return await _app.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
    }

    /// <summary>Reads up to the first keep-alive comment, releases the held upstream, then reads the rest.</summary>
    private static async Task<(string BeforeRelease, string Remainder)> ReadAcrossKeepAliveAsync(HttpResponseMessage response, TaskCompletionSource release)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
        var before = new StringBuilder();
        while (await reader.ReadLineAsync(Token) is { } line && line != ": keep-alive")
        {
            before.AppendLine(line);
        }

        release.SetResult();
        return (before.ToString(), await reader.ReadToEndAsync(Token));
    }

    private static async Task<IReadOnlyList<SseItem<string>>> ReadEventsAsync(HttpResponseMessage response) =>
        await ParseAsync(await response.Content.ReadAsStringAsync(Token));

    private static async Task<IReadOnlyList<SseItem<string>>> ParseAsync(string text)
    {
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(text))).EnumerateAsync(Token))
        {
            items.Add(item);
        }

        return items;
    }
}

public sealed class ImageStreamTestsOnServer(StreamFixture<OnServer> fixture) : ImageStreamTests<OnServer>(fixture);

public sealed class ImageStreamTestsOnFunctions(StreamFixture<OnFunctions> fixture) : ImageStreamTests<OnFunctions>(fixture);
