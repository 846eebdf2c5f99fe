using System.Net;
using System.Net.Sockets;

namespace CareBot.Server.Tests.Hosting;

/// <summary>
/// An HttpClient whose connections come from another loopback address (127.0.0.2, ...), so a test can be a second
/// client of a per-address limit on one machine.
/// </summary>
public static class SourceAddressClient
{
    public static HttpClient Create(Uri baseAddress, string sourceAddress)
    {
        var source = IPAddress.Parse(sourceAddress);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }
}
