using Intercom.Media.Dtmf;

namespace Intercom.Media.Tests.Dtmf;

public sealed class TelephoneEventTests
{
    private sealed record SentPacket(bool Marker, uint Timestamp, TelephoneEventPayload Payload);

    private static List<SentPacket> SendDigits(string digits, TimeSpan duration, int intervals)
    {
        var sender = new TelephoneEventSender(8000, TimeSpan.FromMilliseconds(20));
        foreach (char digit in digits)
        {
            Assert.True(sender.Enqueue(digit, duration));
        }

        var packets = new List<SentPacket>();
        var payload = new byte[4];
        for (int i = 0; i < intervals; i++)
        {
            if (sender.TryNextPacket((uint)(1000 + (i * 160)), payload, out bool marker, out uint timestamp))
            {
                Assert.True(TelephoneEventPayload.TryParse(payload, out TelephoneEventPayload value));
                packets.Add(new SentPacket(marker, timestamp, value));
            }
        }

        Assert.False(sender.IsActive);
        return packets;
    }

    [Fact]
    public void Sender_OneDigit_MarkerFirstGrowingDurationThreeEndPackets()
    {
        List<SentPacket> packets = SendDigits("5", TimeSpan.FromMilliseconds(100), 20);

        Assert.Equal(5 + 2, packets.Count);
        Assert.True(packets[0].Marker);
        Assert.All(packets.Skip(1), p => Assert.False(p.Marker));
        Assert.All(packets, p => Assert.Equal(1000u, p.Timestamp));
        Assert.All(packets, p => Assert.Equal(5, p.Payload.EventCode));
        Assert.Equal([160, 320, 480, 640, 800, 800, 800], packets.Select(p => p.Payload.Duration));
        Assert.Equal(3, packets.Count(p => p.Payload.End));
    }

    [Fact]
    public void SenderToReceiver_DigitSequenceWithRepeats_EachDigitOnce()
    {
        List<SentPacket> packets = SendDigits("1#11", TimeSpan.FromMilliseconds(80), 60);
        var receiver = new TelephoneEventReceiver();
        var digits = new List<char>();

        foreach (SentPacket packet in packets)
        {
            var payload = new byte[4];
            packet.Payload.Write(payload);
            if (receiver.Process(packet.Timestamp, payload, out char digit))
            {
                digits.Add(digit);
            }
        }

        Assert.Equal("1#11", new string([.. digits]));
    }

    [Fact]
    public void Receiver_NoMarkerLostStartAndDuplicatedEnds_OneDigitPerEvent()
    {
        var receiver = new TelephoneEventReceiver();
        var digits = new List<char>();
        void Feed(uint timestamp, int code, bool end, int duration)
        {
            var payload = new byte[4];
            new TelephoneEventPayload(code, end, 10, duration).Write(payload);
            if (receiver.Process(timestamp, payload, out char digit))
            {
                digits.Add(digit);
            }
        }

        // Event 1: first two packets lost, only end packets (three times) arrive.
        Feed(8000, 9, true, 800);
        Feed(8000, 9, true, 800);
        Feed(8000, 9, true, 800);

        // Event 2: same digit again, no marker anywhere (the marker is not even part of this API).
        Feed(9600, 9, false, 160);
        Feed(9600, 9, false, 320);
        Feed(9600, 9, true, 480);

        // A late duplicate of event 1 after event 2 began: ignored.
        Feed(8000, 9, true, 800);

        // Event 3: a long '0' split into two segments (RFC 4733 §2.5.1.3): one digit.
        Feed(20000, 0, false, 65535);
        Feed(20000 + 65535, 0, false, 160);
        Feed(20000 + 65535, 0, true, 320);

        // A non-DTMF event (e.g. 32, answer tone) is ignored.
        Feed(200000, 32, false, 160);

        Assert.Equal("990", new string([.. digits]));
        Assert.Equal(1, receiver.IgnoredEvents);
    }

    [Fact]
    public void Receiver_TruncatedPayload_Ignored()
    {
        var receiver = new TelephoneEventReceiver();

        Assert.False(receiver.Process(1, new byte[] { 5, 0x80 }, out _));
    }
}
