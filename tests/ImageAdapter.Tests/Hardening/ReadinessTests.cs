using System.Net;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary><c>/readyz</c>: can the adapter get its keys? Unauthenticated, and it reveals no configuration.</summary>
public abstract class ReadinessTests<THost>
    where THost : IHostKind
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readyz_KeysAvailable_Returns200Ready()
    {
        await using var app = await AdapterApp.StartAsync(host: THost.Host);

        using var response = await app.Http.GetAsync("/readyz", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ready"}""", await response.Content.ReadAsStringAsync(Token));
    }

    [Theory]
    [InlineData("Fireworks:ApiKey")]
    [InlineData("Auth:ApiKeys")]
    public async Task Readyz_KeyMissing_Returns503NotReadyRevealingNothing(string missing)
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?> { [missing] = "" }, THost.Host);

        using var response = await app.Http.GetAsync("/readyz", Token);
        using var health = await app.Http.GetAsync("/healthz", Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("""{"status":"not_ready"}""", await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}

public sealed class ReadinessTestsOnServer : ReadinessTests<OnServer>;

public sealed class ReadinessTestsOnFunctions : ReadinessTests<OnFunctions>;
