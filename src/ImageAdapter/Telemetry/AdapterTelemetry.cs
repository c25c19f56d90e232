using System.Diagnostics;
using System.Diagnostics.Metrics;
using ImageAdapter.Resilience;

namespace ImageAdapter.Telemetry;

/// <summary>
/// The adapter's own spans and metrics. Tags follow the OpenTelemetry GenAI conventions where they fit
/// (<c>gen_ai.*</c>); nothing here ever carries a prompt, an image or a key.
/// </summary>
internal sealed class AdapterTelemetry : IDisposable
{
    public const string Name = "ImageAdapter";
    public const string Provider = "fireworks";
    public const string Operation = "image_generation";

    /// <summary>Spans: one per generation (<c>image_generation {model}</c>) and one per Kontext polling loop.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;

    public AdapterTelemetry(IMeterFactory meters, GenerationLimiter limiter)
    {
        _meter = meters.Create(Name);
        Requests = _meter.CreateCounter<long>("image_adapter.requests", "{request}",
            "Generation requests answered, by model, family and HTTP status.");
        ImagesGenerated = _meter.CreateCounter<long>("image_adapter.images.generated", "{image}", "Images returned to clients.");
        UpstreamDuration = _meter.CreateHistogram<double>("image_adapter.upstream.duration", "s",
            "Duration of one Fireworks HTTP exchange (headers and body).");
        KontextPollingDuration = _meter.CreateHistogram<double>("image_adapter.kontext.polling.duration", "s",
            "From Kontext submit to a final status (or giving up).");
        TokenUsage = _meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}",
            "Usage reported to clients, by gen_ai.token.type (input, output).");
        Cost = _meter.CreateCounter<double>("image_adapter.cost", "USD",
            "Fireworks cost of the images returned, from the price table; models without a price are not counted.");
        _meter.CreateObservableGauge("image_adapter.queue.length", () => limiter.QueuedCount, "{image}",
            "Images whose generation requests are waiting for permits (a request counts its n).");
    }

    public Counter<long> Requests { get; }

    public Counter<long> ImagesGenerated { get; }

    public Histogram<double> UpstreamDuration { get; }

    public Histogram<double> KontextPollingDuration { get; }

    public Histogram<long> TokenUsage { get; }

    public Counter<double> Cost { get; }

    public void Dispose() => _meter.Dispose();
}
