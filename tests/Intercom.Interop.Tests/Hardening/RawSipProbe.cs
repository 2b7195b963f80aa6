using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Intercom.Interop.Tests.Hardening;

/// <summary>Hand-made out-of-dialog requests from one loopback source address, as a scanner sends them.</summary>
internal sealed class RawSipProbe : IDisposable
{
    private readonly Socket _socket;
    private readonly IPEndPoint _target;
    private int _sequence;

    public RawSipProbe(IPAddress source, IPEndPoint target)
    {
        _target = target;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(source, 0));
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>What a scanner compares: the status line and the header names in order (values differ per request).</summary>
    public static string Shape(string response)
    {
        string[] lines = response.Split("\r\n");
        IEnumerable<string> names = lines.Skip(1).TakeWhile(l => l.Length > 0).Select(l => l[..Math.Max(0, l.IndexOf(':', StringComparison.Ordinal))]);
        return lines[0] + " | " + string.Join(",", names);
    }

    public async Task SendOnlyAsync(string method, string user, CancellationToken cancellationToken)
    {
        int sequence = Interlocked.Increment(ref _sequence);
        string local = $"{((IPEndPoint)_socket.LocalEndPoint!).Address}:{Port}";
        string request =
            $"{method} sip:{user}@{_target.Address} SIP/2.0\r\nVia: SIP/2.0/UDP {local};branch=z9hG4bKprobe{sequence}x{Environment.TickCount64}\r\n" +
            $"From: \"{user}\" <sip:{user}@{_target.Address}>;tag=probe{sequence}\r\nTo: \"{user}\" <sip:{user}@{_target.Address}>\r\n" +
            $"Call-ID: probe-{sequence}-{Environment.TickCount64}@{local}\r\nCSeq: 1 {method}\r\nContact: <sip:{user}@{local}>\r\nMax-Forwards: 70\r\n" +
            "User-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n";
        await _socket.SendToAsync(Encoding.ASCII.GetBytes(request), _target, cancellationToken);
    }

    /// <summary>Sends one request and returns the first final response (provisional ones skipped).</summary>
    public async Task<string> SendAsync(string method, string user, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await SendOnlyAsync(method, user, cancellationToken);
        string callIdPrefix = $"Call-ID: probe-{_sequence.ToString(CultureInfo.InvariantCulture)}-";
        byte[] buffer = new byte[65535];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            SocketReceiveFromResult received = await _socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), deadline.Token);
            string text = Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes);
            if (!text.StartsWith("SIP/2.0 1", StringComparison.Ordinal) && text.Contains(callIdPrefix, StringComparison.Ordinal))
            {
                return text;
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
