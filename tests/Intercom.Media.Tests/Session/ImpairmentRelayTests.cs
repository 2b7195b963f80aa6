using System.Net;
using System.Net.Sockets;
using Intercom.Tools.Impair;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Media.Tests.Session;

/// <summary>The impairment relay's front on a chosen end point and its interruption, with a fake clock.</summary>
public sealed class ImpairmentRelayTests
{
    [Fact]
    public void Interrupt_BothDirections_DroppedAndCountedForItsLengthThenRelayedAgain()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2031, 7, 13, 3, 17, 29, TimeSpan.Zero));
        using var a = Bound(IPAddress.Loopback);
        using var b = Bound(IPAddress.Loopback);
        int frontPort;
        using (Socket probe = Bound(IPAddress.Parse("127.0.0.9")))
        {
            frontPort = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        using var relay = new ImpairmentRelay(new IPEndPoint(IPAddress.Parse("127.0.0.9"), frontPort), (IPEndPoint)b.LocalEndPoint!,
            new ImpairmentProfile(), new ImpairmentProfile(), seed: 1, time);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.9"), frontPort), relay.FrontEndPoint);

        Exchange(a, b, relay);
        relay.Interrupt(TimeSpan.FromSeconds(10));
        a.SendTo(new byte[] { 2 }, relay.FrontEndPoint);
        b.SendTo(new byte[] { 3 }, relay.BackEndPoint);
        // The relay's thread counts a datagram as received before it judges it: wait for the judgement too.
        Wait(() => relay.Forward.Dropped == 1 && relay.Backward.Dropped == 1);
        Assert.Equal((2, 2), (relay.Forward.Received, relay.Backward.Received));
        Assert.Equal((1, 1), (relay.Forward.Interrupted, relay.Backward.Interrupted));
        Assert.Equal((1, 1), (relay.Forward.Dropped, relay.Backward.Dropped));

        time.Advance(TimeSpan.FromSeconds(10));
        Exchange(a, b, relay);

        // The reply can reach A before the relay's thread has counted it as forwarded.
        Wait(() => relay.Forward.Forwarded == 2 && relay.Backward.Forwarded == 2);
        Assert.Equal((1, 1), (relay.Forward.Interrupted, relay.Backward.Interrupted));
        Assert.Equal((2, 2), (relay.Forward.Forwarded, relay.Backward.Forwarded));
    }

    private static void Exchange(Socket a, Socket b, ImpairmentRelay relay)
    {
        a.SendTo(new byte[] { 1 }, relay.FrontEndPoint);
        Assert.True(b.Poll(TimeSpan.FromSeconds(5), SelectMode.SelectRead), "A's datagram did not reach B");
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        b.ReceiveFrom(new byte[16], ref from);
        Assert.Equal(relay.BackEndPoint, from);
        b.SendTo(new byte[] { 1 }, from);
        Assert.True(a.Poll(TimeSpan.FromSeconds(5), SelectMode.SelectRead), "B's reply did not reach A");
        a.ReceiveFrom(new byte[16], ref from);
        Assert.Equal(relay.FrontEndPoint, from);
    }

    private static Socket Bound(IPAddress address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }

    private static void Wait(Func<bool> condition) => SessionPair.WaitUntil(condition, 5000);
}
