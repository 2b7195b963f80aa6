using System.Net;
using System.Net.Sockets;

namespace Intercom.Interop.Tests.Peers;

/// <summary>
/// Finds loopback ports that are free for both UDP and TCP right now. Other engineers run tests on the same
/// machine, so no port is ever assumed free; ports handed out in this process are not handed out again.
/// </summary>
public static class FreePort
{
    private static readonly HashSet<int> Given = [];

    /// <summary>A port free on 127.0.0.1 for UDP and TCP.</summary>
    public static int Next()
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                continue;
            }

            lock (Given)
            {
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("No free loopback port found");
    }

    /// <summary>
    /// An even UDP port whose next three ports are free as well (sipp's <c>-mp</c> uses the port for audio and
    /// port + 2 for video, RTCP beside each).
    /// </summary>
    public static int NextEvenPair()
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            int port = Next() & ~1;
            var sockets = new List<Socket>();
            try
            {
                for (int offset = 0; offset < 4; offset++)
                {
                    var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    sockets.Add(udp);
                    udp.Bind(new IPEndPoint(IPAddress.Loopback, port + offset));
                }

                lock (Given)
                {
                    for (int offset = 0; offset < 4; offset++)
                    {
                        Given.Add(port + offset);
                    }
                }

                return port;
            }
            catch (SocketException)
            {
                // One of the four is taken: try another base port.
            }
            finally
            {
                foreach (Socket socket in sockets)
                {
                    socket.Dispose();
                }
            }
        }

        throw new InvalidOperationException("No four free consecutive loopback UDP ports found");
    }

    /// <summary>Polls until some process has bound the UDP port (our own bind attempt fails), or fails after the timeout.</summary>
    public static async Task WaitForUdpAsync(int port, TimeSpan timeout, PeerProcess? process = null, CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                return;
            }

            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"{process.Name} exited before binding UDP {port}. Output:\n{process.Output}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Nothing bound UDP {port} within {timeout}. {process?.Output}");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Polls until something accepts TCP connections on the port, or fails after the timeout.</summary>
    public static async Task WaitForTcpAsync(int port, TimeSpan timeout, PeerProcess? process = null, CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromMilliseconds(500));
                await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), attempt.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (process is { HasExited: true })
                {
                    throw new InvalidOperationException($"{process.Name} exited before listening on {port}. Output:\n{process.Output}");
                }

                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"Nothing listened on TCP {port} within {timeout}. {process?.Output}");
                }

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
