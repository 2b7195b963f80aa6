using System.Buffers.Binary;
using Intercom.Media.Rtp;
using Intercom.Media.Srtp;
using Intercom.Tools.Fuzz.Engine;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>
/// SRTP and SRTCP unprotect (RFC 3711, RFC 7714) for the three suites. The first input byte picks the suite,
/// RTP or RTCP, and the mode: <em>wire</em> feeds the rest as a received packet; <em>tamper</em> protects the
/// rest as plaintext, flips the bits the input names and unprotects. Properties: a packet is accepted only if
/// it is exactly what the key holder would send; every rejection is counted once and reports no length; a
/// rejected packet leaves the context able to accept the genuine stream; an untouched packet round-trips.
/// </summary>
internal sealed class SrtpTarget : IFuzzTarget
{
    private static readonly byte[] MasterKey = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Convert.FromHexString("0EC675AD498AFEEBB6960B3AABE6");
    private static readonly SrtpCryptoSuite[] Suites = [SrtpCryptoSuite.AesCm128HmacSha1Tag80, SrtpCryptoSuite.AesCm128HmacSha1Tag32, SrtpCryptoSuite.AeadAes128Gcm, SrtpCryptoSuite.AeadAes128Gcm];

    public string Name => "srtp";

    public string Description => "SRTP/SRTCP unprotect, random and bit-flipped packets: rejected, counted, never accepted forged";

    public int MaximumInputLength => 2048;

    public bool IsText => false;

    public IReadOnlyList<byte[]> Dictionary { get; } = [[0x80], [0x81, 0xC8], [0x80, 0, 0, 0], [0, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0xFF]];

    public IReadOnlyList<byte[]> CreateSeeds()
    {
        var seeds = new List<byte[]>();
        for (byte selector = 0; selector < 8; selector++)
        {
            SrtpCryptoSuite suite = Suites[selector & 3];
            bool rtcp = (selector & 4) != 0;
            byte[] plain = rtcp ? PlainRtcp() : PlainRtp(selector);
            byte[]? wire = Protect(suite, rtcp, plain);
            seeds.Add([selector, .. wire!]);
            seeds.Add([(byte)(selector | 8), 0, .. plain]);
            seeds.Add([(byte)(selector | 8), 1, 0, 20, 0x01, .. plain]);
        }

        return seeds;
    }

    public string Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return "empty";
        }

        SrtpCryptoSuite suite = Suites[input[0] & 3];
        bool rtcp = (input[0] & 4) != 0;
        return (input[0] & 8) == 0 ? RunWire(suite, rtcp, input[1..]) : RunTamper(suite, rtcp, input[1..]);
    }

    private static string RunWire(SrtpCryptoSuite suite, bool rtcp, ReadOnlySpan<byte> received)
    {
        using var receiver = NewContext(suite);
        byte[] packet = received.ToArray();
        (SrtpStatus status, int plainLength) = Unprotect(receiver, rtcp, packet);
        if (status == SrtpStatus.Ok)
        {
            // Accepted: only the key holder's own bytes may be. Protecting the plaintext again must give the input,
            // with the SRTCP tag length the receiver adopted (a packet with an 80-bit tag cut to its first 32 bits is
            // the key holder's packet with the short tag libre uses for AES_CM_128_HMAC_SHA1_32; see UsesShortRtcpTag).
            byte[]? genuine = Protect(suite, rtcp, packet.AsSpan(0, plainLength), receiver.UsesShortRtcpTag);
            FuzzPropertyException.Check(genuine is not null && genuine.AsSpan().SequenceEqual(received), "a forged or altered packet is never accepted");
            return $"{Kind(rtcp)} accepted genuine";
        }

        CheckRejection(receiver, status, plainLength);

        // The context must still accept the genuine stream (a forged packet changes no state).
        byte[] plain = rtcp ? PlainRtcp() : PlainRtp(3);
        byte[] wire = Protect(suite, rtcp, plain)!;
        (SrtpStatus after, _) = Unprotect(receiver, rtcp, wire);
        FuzzPropertyException.Check(after == SrtpStatus.Ok, "a rejected packet leaves the context accepting the genuine stream", () => after.ToString());
        return $"{Kind(rtcp)} {status}";
    }

    private static string RunTamper(SrtpCryptoSuite suite, bool rtcp, ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return "empty";
        }

        int flips = input[0] & 3;
        int flipBytes = 3 * flips;
        if (input.Length < 1 + flipBytes)
        {
            return "short";
        }

        ReadOnlySpan<byte> flipSpec = input.Slice(1, flipBytes);
        byte[] plain = input[(1 + flipBytes)..].ToArray();
        byte[]? wire = Protect(suite, rtcp, plain);
        if (wire is null)
        {
            return $"{Kind(rtcp)} plaintext refused";
        }

        byte[] original = (byte[])wire.Clone();
        for (int i = 0; i < flips; i++)
        {
            int position = BinaryPrimitives.ReadUInt16BigEndian(flipSpec[(3 * i)..]) % wire.Length;
            wire[position] ^= flipSpec[(3 * i) + 2];
        }

        bool altered = !wire.AsSpan().SequenceEqual(original);
        using var receiver = NewContext(suite);
        (SrtpStatus status, int plainLength) = Unprotect(receiver, rtcp, wire);
        if (altered)
        {
            FuzzPropertyException.Check(status != SrtpStatus.Ok, "a bit-flipped packet is rejected");
            CheckRejection(receiver, status, plainLength);
            return $"{Kind(rtcp)} flipped {status}";
        }

        FuzzPropertyException.Check(status == SrtpStatus.Ok, "an untouched packet is accepted", () => status.ToString());
        FuzzPropertyException.Check(wire.AsSpan(0, plainLength).SequenceEqual(plain), "unprotect restores the plaintext");
        return $"{Kind(rtcp)} round trip";
    }

    private static void CheckRejection(SrtpContext receiver, SrtpStatus status, int plainLength)
    {
        FuzzPropertyException.Check(plainLength == 0, "a rejected packet reports no plaintext length");
        long counted = receiver.AuthenticationFailures + receiver.ReplayedPackets + receiver.MalformedPackets;
        FuzzPropertyException.Check(counted == 1, "every rejection is counted exactly once", () => $"{status}: {counted} counted");
        long expected = status switch
        {
            SrtpStatus.AuthenticationFailed => receiver.AuthenticationFailures,
            SrtpStatus.Malformed => receiver.MalformedPackets,
            _ => receiver.ReplayedPackets,
        };
        FuzzPropertyException.Check(expected == 1, "a rejection is counted under its own reason", () => status.ToString());
    }

    private static (SrtpStatus Status, int PlainLength) Unprotect(SrtpContext context, bool rtcp, Span<byte> packet)
    {
        int plainLength;
        SrtpStatus status = rtcp ? context.UnprotectRtcp(packet, out plainLength) : context.UnprotectRtp(packet, out plainLength);
        FuzzPropertyException.Check(plainLength >= 0 && plainLength <= packet.Length, "the plaintext length lies inside the packet");
        return (status, plainLength);
    }

    /// <summary>What a fresh sender with the fixed key sends for <paramref name="plain"/>, or null when it refuses.</summary>
    private static byte[]? Protect(SrtpCryptoSuite suite, bool rtcp, ReadOnlySpan<byte> plain, bool shortRtcpTag = false)
    {
        using var sender = NewContext(suite);
        sender.UsesShortRtcpTag = shortRtcpTag;
        byte[] buffer = new byte[plain.Length + 64];
        plain.CopyTo(buffer);
        int protectedLength;
        SrtpStatus status = rtcp ? sender.ProtectRtcp(buffer, plain.Length, out protectedLength) : sender.ProtectRtp(buffer, plain.Length, out protectedLength);
        return status == SrtpStatus.Ok ? buffer[..protectedLength] : null;
    }

    private static SrtpContext NewContext(SrtpCryptoSuite suite) =>
        new(suite, MasterKey, MasterSalt.AsSpan(0, SrtpSuiteParameters.MasterSaltLength(suite)));

    private static byte[] PlainRtp(int variant)
    {
        byte[] packet = new byte[RtpHeader.FixedLength + 40 + variant];
        RtpHeader.Write(packet, variant == 0, 8, (ushort)(100 + variant), 8000, 0x5EED);
        for (int i = RtpHeader.FixedLength; i < packet.Length; i++)
        {
            packet[i] = (byte)i;
        }

        return packet;
    }

    private static byte[] PlainRtcp()
    {
        byte[] buffer = new byte[128];
        int length = RtcpPackets.WriteReport(buffer, 0x5EED, 0xE000_0000_0000_0001, 8000, 10, 1600, null, "fuzz"u8);
        return buffer[..length];
    }

    private static string Kind(bool rtcp) => rtcp ? "srtcp" : "srtp";
}
