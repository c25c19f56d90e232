using System.Diagnostics;
using System.Net;
using ImageAdapter.Telemetry;
using ImageAdapter.Tests.Support;

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
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images/generations")
        {
            Content = new StringContent("""{"model":"SSD-1B","prompt":"a fox"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", AdapterApp.InboundKey);
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{callerSpan.ToHexString()}-01");

        using var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var trace = traceId.ToHexString();
        var generation = await collector.WaitForSpansAsync(span => span.TraceId == trace && span.Scope == AdapterTelemetry.Name, ExportWait);
        Assert.True(generation.Any(span => span.Name == "image_generation accounts/fireworks/models/SSD-1B"),
            $"No generation span in trace {trace}; received:\n{string.Join("\n", collector.Spans.Take(40))}");
        var hostServer = await collector.WaitForSpansAsync(span => span.TraceId == trace && span.ParentSpanId == callerSpan.ToHexString(), ExportWait);
        Assert.Contains(hostServer, span => span.Scope == "Microsoft.AspNetCore");
        Assert.NotEqual(hostServer[0].ServiceName, generation[0].ServiceName); // two processes, one trace
    }
}
