using System.Net;
using System.Net.Sockets;
using System.Text;
using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;

namespace Intercom.Sip.Tests.UserAgent;

/// <summary>A running user agent bans a scanning address over real UDP and TCP while other addresses are still answered.</summary>
public sealed class BanListLoopbackTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Register_RepeatedFromOneAddress_ThatAddressIgnoredOthersAnswered()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        SipUserAgentOptions options = LoopbackCallTests.LoopbackOptions();
        options.BanList.FailureLimit = 5;
        await using var agent = new SipUserAgent(options);
        await agent.StartAsync(ct);
        using Socket scanner = Bind(IPAddress.Parse("127.0.0.2"));
        using Socket neighbour = Bind(IPAddress.Parse("127.0.0.3"));

        for (int i = 0; i < 5; i++)
        {
            await scanner.SendToAsync(Request("REGISTER", $"reg-{i}", 100 + i), agent.UdpEndPoint!, ct);
            Assert.StartsWith("SIP/2.0 405 ", await ReceiveAsync(scanner, ct), StringComparison.Ordinal);
        }

        await scanner.SendToAsync(Request("OPTIONS", "after-ban", 200), agent.UdpEndPoint!, ct);
        await neighbour.SendToAsync(Request("OPTIONS", "neighbour", 300), agent.UdpEndPoint!, ct);

        // One socket, one receive loop, one event loop: the neighbour's answer comes after whatever the scanner would get.
        Assert.StartsWith("SIP/2.0 200 ", await ReceiveAsync(neighbour, ct), StringComparison.Ordinal);
        Assert.Equal(0, scanner.Available);
        Assert.Equal(1, agent.BannedSourceCount);
        Assert.True(agent.Metrics.BanDroppedTotal >= 1);
        Assert.Equal(1, agent.Metrics.BannedTotal);
    }

    [Fact]
    public async Task Options_FloodFromOneAddress_RateLimitedThenBanned()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        SipUserAgentOptions options = LoopbackCallTests.LoopbackOptions();
        options.BanList.RequestsPerSecond = 5;
        options.BanList.RequestBurst = 10;
        options.BanList.FailureLimit = 5;
        await using var agent = new SipUserAgent(options);
        await agent.StartAsync(ct);
        using Socket flooder = Bind(IPAddress.Parse("127.0.0.4"));

        // 100 OPTIONS back to back: the burst is answered, the rest is dropped and the address banned.
        for (int i = 0; i < 100; i++)
        {
            await flooder.SendToAsync(Request("OPTIONS", $"flood-{i}", i + 1), agent.UdpEndPoint!, ct);
        }

        await PollAsync(() => agent.BannedSourceCount == 1, ct);
        int answered = 0;
        while (flooder.Available > 0 || answered == 0)
        {
            Assert.StartsWith("SIP/2.0 200 ", await ReceiveAsync(flooder, ct), StringComparison.Ordinal);
            answered++;
        }

        Assert.InRange(answered, 10, 15);
        Assert.True(agent.Metrics.RateLimitedTotal >= 5);
    }

    [Fact]
    public async Task Invite_BurstQueuedBeforeTheBan_OnlyFailureLimitAnswered()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        SipUserAgentOptions options = LoopbackCallTests.LoopbackOptions();
        options.BanList.FailureLimit = 5;
        await using var agent = new SipUserAgent(options);
        int policyCalls = 0;
        agent.InboundPolicy = _ =>
        {
            Interlocked.Increment(ref policyCalls);
            return SipInboundDecision.Forbidden;
        };
        await agent.StartAsync(ct);
        using Socket scanner = Bind(IPAddress.Parse("127.0.0.6"));

        // Regression: 30 INVITEs sent at once all passed the transport's ban check before the loop judged the first.
        for (int i = 0; i < 30; i++)
        {
            await scanner.SendToAsync(Request("INVITE", $"burst-{i}", 1), agent.UdpEndPoint!, ct);
        }

        await PollAsync(() => agent.Metrics.BanDroppedTotal + agent.Metrics.RateLimitedTotal >= 25, ct);
        Assert.Equal(5, Volatile.Read(ref policyCalls));
    }

    [Fact]
    public async Task Invite_FloodWithBanListOff_ServerTransactionTableBounded()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        SipUserAgentOptions options = LoopbackCallTests.LoopbackOptions();
        options.BanList.Enabled = false;
        options.MaximumServerTransactions = 10;
        await using var agent = new SipUserAgent(options);
        await agent.StartAsync(ct);
        using Socket flooder = Bind(IPAddress.Parse("127.0.0.7"));

        // Regression: INVITEs that never ACK their 403 each kept a transaction for 32 s (Timer H), without bound.
        for (int i = 0; i < 30; i++)
        {
            await flooder.SendToAsync(Request("INVITE", $"table-{i}", 1), agent.UdpEndPoint!, ct);
        }

        await PollAsync(() => agent.Metrics.OverloadedTotal == 20, ct);
        Assert.Equal(10, await agent.Loop.InvokeAsync(() => agent.Transactions.ServerCount));
    }

    [Fact]
    public async Task Tcp_BannedAddress_ConnectionClosedUnanswered()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        SipUserAgentOptions options = LoopbackCallTests.LoopbackOptions();
        options.BanList.FailureLimit = 2;
        await using var agent = new SipUserAgent(options);
        await agent.StartAsync(ct);
        using Socket scanner = Bind(IPAddress.Parse("127.0.0.5"));
        for (int i = 0; i < 2; i++)
        {
            await scanner.SendToAsync(Request("INVITE", $"inv-{i}", 1), agent.UdpEndPoint!, ct);
        }

        await PollAsync(() => agent.BannedSourceCount == 1, ct);
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.5"), 0));
        await tcp.ConnectAsync(agent.TcpEndPoint!, ct);
        await tcp.SendAsync(Request("OPTIONS", "tcp", 1, "TCP"), ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Deadline);
        byte[] buffer = new byte[4096];
        int read;
        try
        {
            read = await tcp.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        }
        catch (SocketException)
        {
            read = 0;
        }

        Assert.Equal(0, read);
    }

    private static Socket Bind(IPAddress address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }

    private static byte[] Request(string method, string callId, int sequence, string transport = "UDP") => Encoding.ASCII.GetBytes(
        $"{method} sip:100@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/{transport} 127.0.0.9:5060;branch=z9hG4bK{callId}\r\nFrom: \"friendly-scanner\" <sip:100@scanner>;tag=1\r\n" +
        $"To: <sip:100@127.0.0.1>\r\nCall-ID: {callId}\r\nCSeq: {sequence} {method}\r\nContact: <sip:100@127.0.0.9:5060>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");

    private static async Task<string> ReceiveAsync(Socket socket, CancellationToken ct)
    {
        byte[] buffer = new byte[65535];
        while (true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Deadline);
            SocketReceiveFromResult received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            string text = Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes);
            if (!text.StartsWith("SIP/2.0 1", StringComparison.Ordinal))
            {
                return text;
            }
        }
    }

    private static async Task PollAsync(Func<bool> condition, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Deadline, "timed out");
            await Task.Delay(10, ct);
        }
    }
}
