using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Http;

/// <summary>The probes carry <c>x-request-id</c> like every other answer: the client's own, or a fresh one.</summary>
public abstract class ProbeRequestIdTests<THost>(AdapterFixture<THost> fixture) : IClassFixture<AdapterFixture<THost>>
    where THost : IHostKind
{
    private readonly AdapterApp _app = fixture.App;

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Probe_WithARequestId_EchoesIt(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-request-id", "probe-7f3a");

        using var response = await _app.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("probe-7f3a", Assert.Single(response.Headers.GetValues("x-request-id")));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Probe_WithoutARequestId_GetsOne(string path)
    {
        using var response = await _app.Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(response.Headers.GetValues("x-request-id"))));
    }
}

public sealed class ProbeRequestIdTestsOnServer(AdapterFixture<OnServer> fixture) : ProbeRequestIdTests<OnServer>(fixture);

public sealed class ProbeRequestIdTestsOnFunctions(AdapterFixture<OnFunctions> fixture) : ProbeRequestIdTests<OnFunctions>(fixture);
