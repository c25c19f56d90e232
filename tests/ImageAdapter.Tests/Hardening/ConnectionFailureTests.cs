using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary>Fireworks unreachable: a request that never left is retried per policy, then 502.</summary>
public abstract class ConnectionFailureTests<THost>
    where THost : IHostKind
{
    [Fact]
    public async Task Generate_ConnectionRefused_RetriedThen502Unreachable()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there any more: connect is refused
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Fireworks:BaseUrl"] = $"http://127.0.0.1:{port}/inference/v1",
            ["Adapter:RetryBaseDelay"] = "00:00:00.020",
            ["Adapter:MaxRetries"] = "2",
        }, THost.Host);

        using var response = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((502, "upstream_unreachable"), await response.OutcomeAsync());
        Assert.Equal(2, app.LogCount("retried after ConnectionError"));
        app.AssertNoUnexpectedFailure();
    }
}

public sealed class ConnectionFailureTestsOnServer : ConnectionFailureTests<OnServer>;

public sealed class ConnectionFailureTestsOnFunctions : ConnectionFailureTests<OnFunctions>;
