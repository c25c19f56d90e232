using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.Tests.Support;

/// <summary>
/// An OTLP/HTTP (protobuf) collector on a loopback port: it accepts traces, metrics and logs as the OpenTelemetry
/// exporters send them, and keeps every span it receives (decoded by <see cref="OtlpSpanReader"/>).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private readonly ConcurrentQueue<byte[]> _exports = new();

    private OtlpReceiver(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<OtlpSpan> Spans => [.. _spans];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver._exports.Enqueue(body.ToArray());
            foreach (var span in OtlpSpanReader.Read(body.ToArray()))
            {
                receiver._spans.Enqueue(span);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver._exports.Enqueue(body.ToArray());
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        receiver.Endpoint = new Uri(app.Urls.First());
        return receiver;
    }

    /// <summary>Waits until spans matching <paramref name="match"/> have arrived (exporters send in batches, every few seconds).</summary>
    public async Task<IReadOnlyList<OtlpSpan>> WaitForSpansAsync(Func<OtlpSpan, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = _spans.Where(match).ToArray();
            if (found.Length > 0 || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Whether any export so far (traces, metrics, logs) holds <paramref name="text"/> (OTLP strings are UTF-8).</summary>
    public bool Exported(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return _exports.Any(export => export.AsSpan().IndexOf(bytes) >= 0);
    }

    /// <summary>The printable text around each occurrence of <paramref name="text"/>, to say who exported it.</summary>
    public string Around(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return string.Join(" | ", _exports.Select(export => (export, at: export.AsSpan().IndexOf(bytes))).Where(found => found.at >= 0).Select(found =>
            new string(System.Text.Encoding.UTF8.GetString(found.export, Math.Max(0, found.at - 300), Math.Min(found.export.Length - Math.Max(0, found.at - 300), 400))
                .Select(c => char.IsControl(c) ? '.' : c).ToArray())));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
