using System.Net;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Security;

/// <summary>
/// A client that sends its key in the query string (<c>?api-key=</c>, the Azure OpenAI habit) must not have it recorded
/// in exported telemetry, whatever the logging configuration: ASP.NET Core's "Request starting/finished" records carry
/// the query string, and the Functions app has no appsettings to turn them down.
/// </summary>
public abstract class QueryStringTelemetryTests<THost>
    where THost : IHostKind
{
    private const string Secret = "query-secret-5b1f0c";

    [Fact]
    public async Task Request_KeyInQueryString_NeverReachesExportedTelemetry()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        // A child process on either host: the exporters run as deployed (the in-process test server swaps its loggers).
        await using var app = await AdapterProcess.StartAsync(new Dictionary<string, string>
        {
            ["Fireworks__ApiKey"] = "fw-key",
            ["Auth__ApiKeys"] = AdapterApp.InboundKey,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.AbsoluteUri.TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            // What a server started outside its folder (no appsettings.json) or the Functions app runs with.
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information",
        }, TestContext.Current.CancellationToken, THost.Host);
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        var marker = $"marker-{Guid.NewGuid():N}";

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/models?api-key={Secret}");
        request.Headers.Add("x-request-id", marker);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // The request's own log record (its failure, with the request id) shows the export ran after it.
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60); !collector.Exported(marker); await Task.Delay(100, TestContext.Current.CancellationToken))
        {
            Assert.True(DateTime.UtcNow < deadline, "No exported telemetry mentions the request within 60 s.");
        }

        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // one more export period for spans
        Assert.False(collector.Exported(Secret), "The query string's key was exported: " + collector.Around(Secret));
    }
}

public sealed class QueryStringTelemetryTestsOnServer : QueryStringTelemetryTests<OnServer>;

public sealed class QueryStringTelemetryTestsOnFunctions : QueryStringTelemetryTests<OnFunctions>;
