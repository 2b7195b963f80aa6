using System.Net;
using System.Net.Sockets;
using Intercom.Sip.Messages;
using Intercom.Sip.UserAgent;

namespace Intercom.Sip.Tests.UserAgent;

/// <summary>RFC 3261 §13.2.2.4: when a forked INVITE is answered twice, the second dialog is ACKed and ended with BYE.</summary>
public sealed class ForkingTests
{
    [Fact]
    public async Task TwoSuccessResponsesFromForks_FirstKeptSecondAckedAndByed()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var proxy = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        proxy.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)proxy.LocalEndPoint!).Port;
        await using var caller = new SipUserAgent(LoopbackCallTests.LoopbackOptions());
        await caller.StartAsync(ct);

        SipCall call = await caller.CallAsync(new SipCallRequest { Target = $"sip:group@127.0.0.1:{port}" }, ct);
        (SipMessage invite, EndPoint from) = await ReceiveAsync(proxy, m => m.Method == SipMethods.Invite, ct);
        foreach (string fork in (string[])["fork-a", "fork-b"])
        {
            SipMessageBuilder ok = SipMessageBuilder.ResponseTo(invite, 200, null, fork).Add(SipHeaderKind.Contact, $"<sip:{fork}@127.0.0.1:{port}>");
            await proxy.SendToAsync(ok.ToArray(), from, ct);
        }

        var seen = new List<string>();
        while (seen.Count < 3)
        {
            (SipMessage request, _) = await ReceiveAsync(proxy, m => m.IsRequest && m.Method != SipMethods.Invite, ct);
            seen.Add($"{request.Method} {request.To!.Tag}");
            if (request.Method == SipMethods.Bye)
            {
                await proxy.SendToAsync(SipMessageBuilder.ResponseTo(request, 200).ToArray(), from, ct);
            }
        }

        Assert.Equal(["ACK fork-a", "ACK fork-b", "BYE fork-b"], seen);
        Assert.Equal(SipCallState.Established, call.State);
        Assert.Equal(200, (await call.Outcome).StatusCode);
    }

    private static async Task<(SipMessage Message, EndPoint From)> ReceiveAsync(Socket socket, Func<SipMessage, bool> match, CancellationToken ct)
    {
        byte[] buffer = new byte[65535];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            SocketReceiveFromResult received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            SipMessage? message = SipMessageParser.Parse(buffer.AsSpan(0, received.ReceivedBytes), SipFraming.Datagram).Message;
            if (message is not null && match(message))
            {
                return (message, received.RemoteEndPoint);
            }
        }
    }
}
