using System.Net;
using System.Net.Sockets;
using System.Text;
using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;

namespace Intercom.Sip.Tests.UserAgent;

/// <summary>Keep-alives, size limits and socket options of a running user agent.</summary>
public sealed class TransportBehaviourTests
{
    [Fact]
    public async Task TcpDoubleCrlfPing_AnsweredWithSingleCrlfPong()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using var agent = new SipUserAgent(LoopbackCallTests.LoopbackOptions());
        await agent.StartAsync(ct);
        using var client = new TcpClient();
        await client.ConnectAsync(agent.TcpEndPoint!, ct);
        NetworkStream stream = client.GetStream();

        // RFC 5626 §3.5.1.
        await stream.WriteAsync("\r\n\r\n"u8.ToArray(), ct);
        byte[] pong = new byte[8];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        int read = await stream.ReadAsync(pong, timeout.Token);

        Assert.Equal("\r\n", Encoding.ASCII.GetString(pong, 0, read));
    }

    [Fact]
    public async Task OversizedDatagram_DroppedAndCounted()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        SipUserAgentOptions options = LoopbackCallTests.LoopbackOptions();
        options.Transport.MaxMessageBytes = 1500;
        await using var agent = new SipUserAgent(options);
        await agent.StartAsync(ct);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        string request = "OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKbig\r\nX-Padding: " + new string('x', 3000) + "\r\n\r\n";

        await socket.SendToAsync(Encoding.ASCII.GetBytes(request), agent.UdpEndPoint!, ct);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (agent.Metrics.MalformedTotal == 0 && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(10, ct);
        }

        Assert.Equal(1, agent.Metrics.MalformedTotal);
    }

    [Fact]
    public async Task OutgoingTcpConnection_ReusedForTheNextRequest()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var agent = new SipUserAgent(LoopbackCallTests.LoopbackOptions());
        await agent.StartAsync(ct);
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Task<SipResponseInfo> first = agent.SendOptionsAsync($"sip:127.0.0.1:{port};transport=tcp");
        using Socket accepted = await listener.AcceptSocketAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), ct);
        Task<SipResponseInfo> second = agent.SendOptionsAsync($"sip:127.0.0.1:{port};transport=tcp");
        string received = await ReadUntilAsync(accepted, 2, ct);

        Assert.Equal(2, CountOccurrences(received, "OPTIONS sip:"));
        Assert.False(listener.Pending());
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
    }

    private static async Task<string> ReadUntilAsync(Socket socket, int messages, CancellationToken ct)
    {
        var text = new StringBuilder();
        byte[] buffer = new byte[8192];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        while (CountOccurrences(text.ToString(), "OPTIONS sip:") < messages)
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
