using System.Text.Json.Nodes;
using FireworksSimulator;
using ImageAdapter.Tests.EditsEndToEnd;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Streaming;

/// <summary>
/// <c>stream: true</c> called with the official <c>openai</c> npm package (<c>Node/images.mjs</c>), on both hosts:
/// <c>images.generate</c> and <c>images.edit</c> yield the completed events, whose images decode, and the SDK raises the
/// adapter's failures, as an <c>APIError</c> without a status from the stream's <c>error</c> event once the stream has
/// begun, or as the usual status error before.
/// </summary>
public abstract class NodeStreamTests<THost> : IClassFixture<StreamFixture<THost>>
    where THost : IHostKind
{
    private const string Prompt = "a red fox";

    private readonly AdapterApp _app;

    protected NodeStreamTests(StreamFixture<THost> fixture)
    {
        _app = fixture.App;
        _app.Simulator.State.Reset();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("flux-kontext-pro", 1)]
    [InlineData("flux-1-schnell-fp8", 2)]
    public async Task Generate_OpenAINodeSdkStream_OneCompletedEventPerImageThatDecodes(string model, int n)
    {
        var expected = await UsageWithoutStreamAsync(model, n);

        var answer = await NodeImagesClient.RunAsync(_app, Generate(model, n), Token);

        var events = CompletedEvents(answer, "image_generation.completed", n, (1024, 1024), "1024x1024");
        Assert.True(JsonNode.DeepEquals(expected, events[0]["usage"]), $"first event: {events[0]["usage"]?.ToJsonString()}, request: {expected.ToJsonString()}");
        Assert.All(events[1..], item => Assert.Equal(0, item["usage"]!["total_tokens"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Edit_OpenAINodeSdkStream_EditCompletedEventsThatDecodeWithTheInputImageCounted()
    {
        var image = EditInput.Png;
        var request = new JsonObject
        {
            ["operation"] = "edit",
            ["imagePath"] = image.WriteToTemporaryFile(),
            ["upload"] = "stream",
            ["params"] = new JsonObject { ["model"] = "flux-kontext-max", ["prompt"] = Prompt, ["n"] = 2, ["stream"] = true },
        };

        var answer = await NodeImagesClient.RunAsync(_app, request, Token);

        // Kontext keeps the input's 3:2 shape, which is none of OpenAI's sizes: the events say "auto".
        var events = CompletedEvents(answer, "image_edit.completed", 2, SimulatorImageSizes.ForAspectRatio(image.Width, image.Height), "auto");
        var imageTokens = (int)Math.Ceiling(image.Width * image.Height / 1024.0);
        Assert.Equal(imageTokens, events[0]["usage"]!["input_tokens_details"]!["image_tokens"]!.GetValue<int>());
        Assert.Equal(0, events[1]["usage"]!["total_tokens"]!.GetValue<int>());
        EditAssertions.AssertSubmits(_app.Simulator.State, "flux-kontext-max", 2, image.Bytes, "png");
    }

    /// <summary>
    /// The Kontext poll is held until the SDK has handed the script its stream, which it does once the status and headers
    /// have arrived, and the adapter sends those with its first keep-alive comment: however slow the machine, the failure
    /// comes after the stream began, as an <c>error</c> event. The SDK raises that as an <c>APIError</c> with no status.
    /// </summary>
    [Fact]
    public async Task Generate_FailureAfterTheStreamBegan_SdkRaisesAnApiErrorWithTheEventsCode()
    {
        var release = new TaskCompletionSource();
        _app.Simulator.State.EnqueueKontextScript(new KontextScript(FinalStatus: KontextFinalStatus.Error));
        _app.Simulator.State.EnqueueFault(SimulatorFault.HeldUntil(release.Task, RequestKind.KontextGetResult));
        var folder = Directory.CreateTempSubdirectory("node-stream-");
        var started = Path.Combine(folder.FullName, "started");
        var request = Generate("flux-kontext-pro", 1);
        request["startedPath"] = started;

        var run = NodeImagesClient.RunAsync(_app, request, Token);
        try
        {
            await WaitUntilStartedAsync(started, run);
        }
        finally
        {
            release.TrySetResult();
        }

        var answer = await run;
        folder.Delete(recursive: true);
        var error = Error(answer);
        Assert.True((Text(error, "class"), error["status"]) is ("APIError", null), $"not an error event: {answer.Printed.ToJsonString()}");
        Assert.Equal(("generation_failed", "server_error"), (Text(error, "code"), Text(error["body"]!, "type")));
        await OpenApiSchemas.AssertValidAsync(new JsonObject { ["error"] = error["body"]!.DeepClone() }.ToJsonString(), "ErrorResponse");
        Assert.Empty(answer.Printed["events"]!.AsArray());
    }

    [Fact]
    public async Task Generate_FailureBeforeTheStreamBegan_SdkRaisesTheAdapters404()
    {
        var answer = await NodeImagesClient.RunAsync(_app, Generate("no-such-model", 1), Token);

        var error = Error(answer);
        Assert.Equal(("NotFoundError", 404), (Text(error, "class"), error["status"]!.GetValue<int>()));
        Assert.Equal(("model_not_found", "model"), (Text(error, "code"), Text(error, "param")));
        Assert.Empty(_app.Simulator.State.Requests);
    }

    private static JsonObject Generate(string model, int n) => new()
    {
        ["operation"] = "generate",
        ["params"] = new JsonObject { ["model"] = model, ["prompt"] = Prompt, ["n"] = n, ["stream"] = true },
    };

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();

    /// <summary>The error the SDK raised, as the script printed it; fails the test when the SDK raised none.</summary>
    private static JsonNode Error(NodeAnswer answer) =>
        answer.ExitCode == 1 && answer.Printed["error"] is { } error
            ? error
            : throw new Xunit.Sdk.XunitException($"The SDK raised no API error: {answer.Printed.ToJsonString()}");

    /// <summary>The events the SDK yielded: <paramref name="n"/> of <paramref name="type"/>, each a PNG that decodes to <paramref name="decoded"/>.</summary>
    private static JsonNode[] CompletedEvents(NodeAnswer answer, string type, int n, (int Width, int Height) decoded, string size)
    {
        var events = JsonNode.Parse(answer.Result)!.AsArray().Select(item => item!).ToArray();
        Assert.Equal(n, events.Length);
        Assert.All(events, item =>
        {
            Assert.Equal(type, Text(item, "type"));
            var bytes = Convert.FromBase64String(Text(item, "b64_json"));
            Assert.True(Images.IsPng(bytes), "not a png");
            Assert.Equal(decoded, Images.Decode(bytes));
            Assert.Equal((size, "png", "opaque", "auto"), (Text(item, "size"), Text(item, "output_format"), Text(item, "background"), Text(item, "quality")));
        });
        return events;
    }

    private async Task<JsonNode> UsageWithoutStreamAsync(string model, int n)
    {
        using var response = await _app.PostGenerationAsync($$"""{"model":"{{model}}","prompt":"{{Prompt}}","n":{{n}}}""");
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["usage"]!;
    }

    /// <summary>Until the script has the stream; no deadline of its own (the script's run has one), as Node may start slowly.</summary>
    private static async Task WaitUntilStartedAsync(string started, Task<NodeAnswer> run)
    {
        while (!File.Exists(started))
        {
            if (run.IsCompleted)
            {
                var answer = await run;
                throw new Xunit.Sdk.XunitException($"The SDK finished before the stream began: {answer.Printed.ToJsonString()}");
            }

            await Task.Delay(50, Token);
        }
    }
}

public sealed class NodeStreamTestsOnServer(StreamFixture<OnServer> fixture) : NodeStreamTests<OnServer>(fixture);

public sealed class NodeStreamTestsOnFunctions(StreamFixture<OnFunctions> fixture) : NodeStreamTests<OnFunctions>(fixture);
