using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ImageAdapter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ImageAdapter.Tests.Hardening;

/// <summary>Spans and metrics are recorded with GenAI attributes, and the prompt appears in no span and no log line.</summary>
public sealed class TelemetryTests
{
    private static readonly ActivitySource TestSource = new("ImageAdapter.Tests.Telemetry");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(HardeningClient.Sdxl, "ImageGeneration")]
    [InlineData(HardeningClient.Kontext, "KontextWorkflow")]
    public async Task Generate_Succeeds_RecordsSpansAndMetricsWithoutThePrompt(string model, string family)
    {
        await using var app = await AdapterApp.StartAsync();
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meters, "ImageAdapter", "image_adapter.requests");
        using var images = new MetricCollector<long>(meters, "ImageAdapter", "image_adapter.images.generated");
        using var upstream = new MetricCollector<double>(meters, "ImageAdapter", "image_adapter.upstream.duration");
        using var tokens = new MetricCollector<long>(meters, "ImageAdapter", "gen_ai.client.token.usage");
        using var polling = new MetricCollector<double>(meters, "ImageAdapter", "image_adapter.kontext.polling.duration");
        var spans = new ConcurrentBag<Activity>();
        using var listener = Listen(spans);
        var prompt = $"secret-prompt-{Guid.NewGuid():N}";

        ActivityTraceId trace;
        using (var root = TestSource.StartActivity("test"))
        {
            trace = root!.TraceId;
            using var response = await app.GenerateAsync(model, prompt: prompt, cancellationToken: Token);
            Assert.Equal((200, null), await response.OutcomeAsync());
        }

        var mine = spans.Where(span => span.TraceId == trace).ToArray();
        var generation = Assert.Single(mine, span => span.Source.Name == "ImageAdapter" && span.OperationName.StartsWith("image_generation", StringComparison.Ordinal));
        Assert.Equal("fireworks", generation.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("image_generation", generation.GetTagItem("gen_ai.operation.name"));
        Assert.EndsWith(model, (string)generation.GetTagItem("gen_ai.request.model")!, StringComparison.Ordinal);
        Assert.True((int)generation.GetTagItem("gen_ai.usage.output_tokens")! > 0);
        Assert.Contains(mine, span => span.Kind == ActivityKind.Server);
        Assert.Contains(mine, span => span.Kind == ActivityKind.Client && span.Source.Name == "System.Net.Http" && IsBelow(span, generation, mine));
        if (family == "KontextWorkflow")
        {
            Assert.Contains(mine, span => span.OperationName.StartsWith("kontext.poll", StringComparison.Ordinal));
            Assert.Contains(polling.GetMeasurementSnapshot(), m => (string?)m.Tags["image_adapter.kontext.status"] == "ready");
        }

        var request = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal((1L, family, 200), (request.Value, (string?)request.Tags["image_adapter.family"], (int?)request.Tags["http.response.status_code"]));
        Assert.Equal(1, images.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.NotEmpty(upstream.GetMeasurementSnapshot());
        Assert.Contains(tokens.GetMeasurementSnapshot(), m => (string?)m.Tags["gen_ai.token.type"] == "input" && m.Value > 0);
        Assert.Contains(tokens.GetMeasurementSnapshot(), m => (string?)m.Tags["gen_ai.token.type"] == "output" && m.Value > 0);

        Assert.DoesNotContain(mine, span => span.DisplayName.Contains(prompt, StringComparison.Ordinal)
            || span.TagObjects.Any(tag => tag.Value?.ToString()?.Contains(prompt, StringComparison.Ordinal) == true));
        var logs = app.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, record => record.Message.Contains(prompt, StringComparison.Ordinal)
            || record.StructuredState?.Any(pair => pair.Value?.Contains(prompt, StringComparison.Ordinal) == true) == true
            || record.Scopes.Any(scope => scope?.ToString()?.Contains(prompt, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Generate_UpstreamFails_RequestCountedWithStatusAndErrorType()
    {
        await using var app = await AdapterApp.StartAsync();
        using var requests = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "ImageAdapter", "image_adapter.requests");
        app.Simulator.State.EnqueueFault(FireworksSimulator.SimulatorFault.Status(500));

        using var response = await app.GenerateAsync(HardeningClient.Flux, cancellationToken: Token);

        Assert.Equal(502, (int)response.StatusCode);
        var request = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal((502, "upstream_error"), ((int?)request.Tags["http.response.status_code"], (string?)request.Tags["error.type"]));
    }

    [Fact]
    public async Task Generate_ContentFiltered_CountedAs400WithNoImageGenerated()
    {
        // Regression: filtered content was counted as a 200 with images before the response turned it into a 400.
        await using var app = await AdapterApp.StartAsync();
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meters, "ImageAdapter", "image_adapter.requests");
        using var images = new MetricCollector<long>(meters, "ImageAdapter", "image_adapter.images.generated");
        app.Simulator.State.EnqueueFault(FireworksSimulator.SimulatorFault.ContentFiltered());

        using var response = await app.GenerateAsync(HardeningClient.Flux, cancellationToken: Token);

        Assert.Equal(400, (int)response.StatusCode);
        var request = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal((400, "content_policy_violation"), ((int?)request.Tags["http.response.status_code"], (string?)request.Tags["error.type"]));
        Assert.Empty(images.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task Generate_ExportersConfigured_StillServesAndLogsNoError()
    {
        // Both exporters point at a closed port: export fails in the background, serving must not.
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
                "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
        });

        using var response = await app.GenerateAsync(HardeningClient.Flux, cancellationToken: Token);

        Assert.Equal((200, null), await response.OutcomeAsync());
        app.AssertNoUnexpectedFailure();
    }

    private static bool IsBelow(Activity span, Activity ancestor, Activity[] all)
    {
        var byId = all.ToDictionary(activity => activity.SpanId);
        for (var current = span; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static ActivityListener Listen(ConcurrentBag<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "ImageAdapter" or "System.Net.Http" or "Microsoft.AspNetCore" or "ImageAdapter.Tests.Telemetry",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
