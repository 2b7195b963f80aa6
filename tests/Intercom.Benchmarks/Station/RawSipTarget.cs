using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Intercom.Benchmarks.Station;

/// <summary>
/// A UDP socket that stands for the resident's phone at the wire: it timestamps every INVITE the moment the kernel
/// hands it over (a dedicated thread in a blocking receive) and answers 486 Busy Here so the call ends at once.
/// </summary>
internal sealed class RawSipTarget : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread _thread;
    private readonly Channel<long> _invites = Channel.CreateUnbounded<long>();
    private volatile bool _stopping;

    public RawSipTarget()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _thread = new Thread(Receive) { IsBackground = true, Name = "raw SIP target" };
        _thread.Start();
    }

    public int Port { get; }

    public ChannelReader<long> InviteTimestamps => _invites.Reader;

    public void Dispose()
    {
        _stopping = true;
        _socket.Dispose();
        _thread.Join(TimeSpan.FromSeconds(2));
    }

    private void Receive()
    {
        var buffer = new byte[65536];
        var seenBranches = new HashSet<string>(StringComparer.Ordinal);
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        while (!_stopping)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException) when (_stopping)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var received = Stopwatch.GetTimestamp();
            var text = Encoding.UTF8.GetString(buffer, 0, length);
            if (!text.StartsWith("INVITE ", StringComparison.Ordinal))
            {
                continue; // ACK for the 486
            }

            // RFC 3261 §17.2.1: a retransmitted INVITE carries the same branch; it gets the 486 again but is no new call.
            if (BranchOf(text) is { } branch && seenBranches.Add(branch))
            {
                _invites.Writer.TryWrite(received);
            }

            _socket.SendTo(Encoding.UTF8.GetBytes(Busy(text)), from);
        }
    }

    private static string? BranchOf(string request)
    {
        var start = request.IndexOf("branch=", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += "branch=".Length;
        var end = request.IndexOfAny([';', '\r', '\n', ',', ' '], start);
        return end < 0 ? request[start..] : request[start..end];
    }

    private static string Busy(string invite)
    {
        var response = new StringBuilder("SIP/2.0 486 Busy Here\r\n");
        foreach (var line in invite.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? line[..colon].Trim() : "";
            if (name.Equals("Via", StringComparison.OrdinalIgnoreCase) || name.Equals("v", StringComparison.Ordinal)
                || name.Equals("From", StringComparison.OrdinalIgnoreCase) || name.Equals("Call-ID", StringComparison.OrdinalIgnoreCase)
                || name.Equals("CSeq", StringComparison.OrdinalIgnoreCase))
            {
                response.Append(line).Append("\r\n");
            }
            else if (name.Equals("To", StringComparison.OrdinalIgnoreCase))
            {
                response.Append(line).Append(";tag=busy\r\n");
            }
        }

        return response.Append("Content-Length: 0\r\n\r\n").ToString();
    }
}
