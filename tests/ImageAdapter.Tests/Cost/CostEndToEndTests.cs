using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ImageAdapter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ImageAdapter.Tests.Cost;

/// <summary>
/// In <c>Usage__Mode=cost</c>, one request's cost is the same number in the <c>x-fireworks-cost-usd</c> header, the
/// <c>image_adapter.cost</c> metric, the span and <c>usage.output_tokens</c> (in micro-dollars); without a price
/// there is no header, no metric, and usage counts pixels.
/// </summary>
public sealed class CostEndToEndTests(CostModeFixture fixture) : IClassFixture<CostModeFixture>
{
    private static readonly ActivitySource TestSource = new("ImageAdapter.Tests.Cost");

    private readonly AdapterApp _app = fixture.App;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"model":"flux-1-schnell-fp8","prompt":"a red fox","n":2,"steps":6}""", "flux-1-schnell-fp8", "0.0042", 4200)] // 2 × 6 × $0.00035
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"a red fox"}""", "flux-1-dev-fp8", "0.0112", 11200)] // 28 × $0.0004, from settings
    [InlineData("""{"model":"SSD-1B","prompt":"a red fox","n":2}""", "SSD-1B", "0.013", 13000)] // 2 × 50 × $0.00013
    [InlineData("""{"model":"flux-kontext-max","prompt":"a red fox"}""", "flux-kontext-max", "0.08", 80000)]
    public async Task CostMode_PricedModel_HeaderMetricSpanAndUsageAgree(string body, string model, string header, int microDollars)
    {
        using var metric = new MetricCollector<double>(_app.Services.GetRequiredService<IMeterFactory>(), "ImageAdapter", "image_adapter.cost");
        var spans = new ConcurrentBag<Activity>();
        using var listener = Listen(spans);

        var (response, usage, trace) = await GenerateAsync(body);

        Assert.Equal(header, Assert.Single(response.Headers.GetValues("x-fireworks-cost-usd")));
        Assert.Equal(microDollars, (int)usage["output_tokens"]!);
        Assert.Equal((int)usage["input_tokens"]! + microDollars, (int)usage["total_tokens"]!);
        var measurement = Assert.Single(metric.GetMeasurementSnapshot());
        Assert.Equal(double.Parse(header, System.Globalization.CultureInfo.InvariantCulture), measurement.Value, 12);
        Assert.Equal($"accounts/fireworks/models/{model}", (string?)measurement.Tags["gen_ai.request.model"]);
        var span = Assert.Single(spans, span => span.TraceId == trace && span.Source.Name == "ImageAdapter" && span.OperationName.StartsWith("image_generation", StringComparison.Ordinal));
        Assert.Equal(measurement.Value, (double)span.GetTagItem("image_adapter.cost_usd")!);
        Assert.Equal(microDollars, (int)span.GetTagItem("gen_ai.usage.output_tokens")!);
    }

    [Fact]
    public async Task CostMode_UnpricedExtraRow_NoHeaderNoMetric_UsageCountsPixels()
    {
        using var metric = new MetricCollector<double>(_app.Services.GetRequiredService<IMeterFactory>(), "ImageAdapter", "image_adapter.cost");

        var (response, usage, _) = await GenerateAsync($$"""{"model":"{{CostModeFixture.UnpricedModel}}","prompt":"a red fox"}""");

        Assert.False(response.Headers.Contains("x-fireworks-cost-usd"));
        Assert.Empty(metric.GetMeasurementSnapshot());
        Assert.Equal("1024x1024", Assert.Single(response.Headers.GetValues("x-image-size")));
        Assert.Equal(1024, (int)usage["output_tokens"]!);
    }

    [Fact]
    public void CostMode_UnpricedExtraRow_WarnedAtStartUp() =>
        Assert.Contains(_app.Logs.GetSnapshot(), record => record.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && record.Message.Contains("Usage__Mode is cost, but these models have no price: " + CostModeFixture.UnpricedModel + ".", StringComparison.Ordinal));

    private async Task<(HttpResponseMessage Response, JsonNode Usage, ActivityTraceId Trace)> GenerateAsync(string body)
    {
        using var root = TestSource.StartActivity("test");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images/generations") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", AdapterApp.InboundKey);
        var response = await _app.Http.SendAsync(request, Token);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Token));
        var json = (await response.Content.ReadFromJsonAsync<JsonNode>(Token))!;
        return (response, json["usage"]!, root?.TraceId ?? default);
    }

    private static ActivityListener Listen(ConcurrentBag<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "ImageAdapter" or "System.Net.Http" or "Microsoft.AspNetCore" or "ImageAdapter.Tests.Cost",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
