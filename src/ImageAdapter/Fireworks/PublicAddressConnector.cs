using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.Fireworks;

/// <summary>
/// The connection step of the <see cref="FireworksImageClient.SampleHttpClientName"/> client: resolves the host, refuses
/// it unless every address is public (<see cref="PublicAddresses"/>), and connects to exactly the addresses it checked.
/// Checking when connecting, not when reading the URL, means a DNS answer that changes in between (rebinding) changes
/// nothing. Hosts in <see cref="FireworksOptions.SampleHosts"/> were named by the operator and are not checked.
/// </summary>
internal sealed partial class PublicAddressConnector(FireworksOptions options, ILogger<PublicAddressConnector> logger)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!options.IsListedSampleHost(host) && !options.IsListedSampleHost($"{host}:{port}"))
        {
            foreach (var address in addresses)
            {
                if (PublicAddresses.RefusedRange(address) is { } range)
                {
                    LogRefused(logger, host, address, range);
                    throw new HttpRequestException(HttpRequestError.ConnectionError, $"{host} resolves to a {range} address; only public addresses are allowed.");
                }
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kontext sample host {Host} refused: it resolves to {Address}, a {Range} address")]
    private static partial void LogRefused(ILogger logger, string host, IPAddress address, string range);
}
