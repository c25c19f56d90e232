using System.Net;
using System.Net.Sockets;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.EndToEnd;

/// <summary>The test harness itself: it must never depend on the server's default port.</summary>
public sealed class AdapterAppTests
{
    [Fact]
    public async Task StartAsync_DefaultPortTaken_ServesOnAFreePort()
    {
        // Another process holding 7071 (the server's default, like `func start`) once failed whole test classes.
        using var squatter = TryListen(7071);

        await using var app = await AdapterApp.StartAsync();
        using var health = await app.Http.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.NotEqual(7071, app.BaseUrl.Port);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static Socket? TryListen(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose(); // already taken by someone else: the condition under test holds anyway
            return null;
        }
    }
}
