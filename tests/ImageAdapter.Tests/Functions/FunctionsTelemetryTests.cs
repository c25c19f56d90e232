using System.Diagnostics;
using System.Net;
using ImageAdapter.Telemetry;
using ImageAdapter.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace ImageAdapter.Tests.Functions;

/// <summary>
/// <c>telemetryMode: OpenTelemetry</c> with the worker's OpenTelemetry package: the host's and the worker's spans,
/// exported over OTLP to a collector on loopback, continue the trace of the caller's <c>traceparent</c>.
/// </summary>
public sealed class FunctionsTelemetryTests
{
    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Generate_WithTraceparent_HostAndWorkerSpansJoinTheCallersTrace()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            [TelemetryServiceCollectionExtensions.OtlpSetting] = collector.Endpoint.AbsoluteUri.TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        }, AdapterHost.Functions);
        // Tests running beside this one host the adapter in this process, with OpenTelemetry's HttpClient
        // instrumentation, which replaces the traceparent of every request an HttpClient here sends while it is on.
        // This tracer provider makes that case certain, not a race.
        using var inProcessTelemetry = Sdk.CreateTracerProviderBuilder().AddHttpClientInstrumentation().Build();
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images/generations")
        {
            Content = new StringContent("""{"model":"SSD-1B","prompt":"a fox"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", AdapterApp.InboundKey);
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{callerSpan.ToHexString()}-01");

        using var response = await SendUninstrumentedAsync(app.Http, request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var trace = traceId.ToHexString();
        var generation = await collector.WaitForSpansAsync(span => span.TraceId == trace && span.Scope == AdapterTelemetry.Name, ExportWait);
        Assert.True(generation.Any(span => span.Name == "image_generation accounts/fireworks/models/SSD-1B"),
            $"No generation span in trace {trace}; received:\n{string.Join("\n", collector.Spans.Take(40))}");
        var hostServer = await collector.WaitForSpansAsync(span => span.TraceId == trace && span.ParentSpanId == callerSpan.ToHexString(), ExportWait);
        Assert.Contains(hostServer, span => span.Scope == "Microsoft.AspNetCore");
        Assert.NotEqual(hostServer[0].ServiceName, generation[0].ServiceName); // two processes, one trace
    }

    // The request keeps the traceparent it was given, whatever instrumentation is on in this process.
    private static async Task<HttpResponseMessage> SendUninstrumentedAsync(HttpClient http, HttpRequestMessage request)
    {
        using (SuppressInstrumentationScope.Begin())
        {
            return await http.SendAsync(request, TestContext.Current.CancellationToken);
        }
    }
}
