using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Cost;

/// <summary>
/// What a client sees of the cost, on both hosts: in <c>Usage__Mode=cost</c> the <c>x-fireworks-cost-usd</c> header and
/// <c>usage.output_tokens</c> (micro-dollars) give the same number; a model without a price has no header. The metric
/// and the span are checked in process, on the server (<see cref="CostEndToEndTests"/>).
/// </summary>
public abstract class CostHeaderEndToEndTests<THost>(CostModeFixture<THost> fixture) : IClassFixture<CostModeFixture<THost>>
    where THost : IHostKind
{
    private readonly AdapterApp _app = fixture.App;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"model":"flux-1-schnell-fp8","prompt":"a red fox","n":2,"steps":6}""", "0.0042", 4200)] // 2 × 6 × $0.00035
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"a red fox"}""", "0.0112", 11200)] // 28 × $0.0004, from settings
    [InlineData("""{"model":"flux-kontext-max","prompt":"a red fox"}""", "0.08", 80000)]
    public async Task CostMode_PricedModel_HeaderAndUsageAgree(string body, string header, int microDollars)
    {
        using var response = await _app.PostGenerationAsync(body);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(header, Assert.Single(response.Headers.GetValues("x-fireworks-cost-usd")));
        var usage = (await response.Content.ReadFromJsonAsync<JsonNode>(Token))!["usage"]!;
        Assert.Equal(microDollars, (int)usage["output_tokens"]!);
    }

    [Fact]
    public async Task CostMode_UnpricedModel_NoHeader()
    {
        using var response = await _app.PostGenerationAsync($$"""{"model":"{{CostModeFixture.UnpricedModel}}","prompt":"a red fox"}""");

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Token));
        Assert.False(response.Headers.Contains("x-fireworks-cost-usd"));
    }
}

public sealed class CostHeaderEndToEndTestsOnServer(CostModeFixture<OnServer> fixture) : CostHeaderEndToEndTests<OnServer>(fixture);

public sealed class CostHeaderEndToEndTestsOnFunctions(CostModeFixture<OnFunctions> fixture) : CostHeaderEndToEndTests<OnFunctions>(fixture);
