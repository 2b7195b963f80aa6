using System.Buffers.Binary;
using Intercom.Media.Rtp;

namespace Intercom.Media.Srtp;

/// <summary>
/// One SRTP/SRTCP crypto context for one direction (RFC 3711 §3.2): the session keys derived from one master key,
/// and per-SSRC rollover counters and replay windows. Packets are transformed in place in the caller's buffer,
/// which must have <see cref="RtpOverhead"/> (or <see cref="RtcpOverhead"/>) spare bytes after the packet when
/// protecting. No method allocates or throws on wire input; failures come back as <see cref="SrtpStatus"/>.
/// A context is used by one thread at a time: the session keeps one for sending and one for receiving.
/// </summary>
public sealed class SrtpContext : IDisposable
{
    /// <summary>How many SSRCs a context tracks at once; the least recently used is replaced.</summary>
    public const int MaximumStreams = 4;

    private readonly ISrtpPacketTransform transform;
    private readonly SrtpStream[] streams = new SrtpStream[MaximumStreams];
    private long useCounter;
    private long authenticationFailures;
    private long replayedPackets;
    private long malformedPackets;

    /// <summary>Creates a context from a master key and master salt of the suite's lengths.</summary>
    public SrtpContext(SrtpCryptoSuite suite, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
        : this(suite, masterKey, masterSalt, allowIntrinsics: true)
    {
    }

    internal SrtpContext(SrtpCryptoSuite suite, ISrtpPacketTransform transform)
    {
        Suite = suite;
        this.transform = transform;
        for (int i = 0; i < streams.Length; i++)
        {
            streams[i] = new SrtpStream();
        }
    }

    internal SrtpContext(SrtpCryptoSuite suite, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, bool allowIntrinsics)
    {
        if (suite == SrtpCryptoSuite.None)
        {
            throw new ArgumentException("An SRTP context needs a crypto suite.", nameof(suite));
        }

        if (masterKey.Length != SrtpSuiteParameters.MasterKeyLength(suite) || masterSalt.Length != SrtpSuiteParameters.MasterSaltLength(suite))
        {
            throw new ArgumentException($"{SrtpSuiteParameters.SdesName(suite)} needs a {SrtpSuiteParameters.MasterKeyLength(suite)}-byte key and a {SrtpSuiteParameters.MasterSaltLength(suite)}-byte salt.", nameof(masterKey));
        }

        Suite = suite;
        transform = suite == SrtpCryptoSuite.AeadAes128Gcm
            ? AesGcmTransform.FromMasterKey(masterKey, masterSalt, allowIntrinsics)
            : new AesCounterModeHmacSha1Transform(masterKey, masterSalt, SrtpSuiteParameters.RtpTagLength(suite), allowIntrinsics);
        for (int i = 0; i < streams.Length; i++)
        {
            streams[i] = new SrtpStream();
        }
    }

    /// <summary>The negotiated crypto suite.</summary>
    public SrtpCryptoSuite Suite { get; }

    /// <summary>Bytes <see cref="ProtectRtp"/> appends.</summary>
    public int RtpOverhead => transform.RtpTagLength;

    /// <summary>Bytes <see cref="ProtectRtcp"/> appends.</summary>
    public int RtcpOverhead => transform.RtcpOverhead;

    /// <summary>Packets whose tag did not verify (forged or corrupted), dropped.</summary>
    public long AuthenticationFailures => Interlocked.Read(ref authenticationFailures);

    /// <summary>Packets dropped as replays or as older than the replay window.</summary>
    public long ReplayedPackets => Interlocked.Read(ref replayedPackets);

    /// <summary>Packets too short or not RTP/RTCP version 2.</summary>
    public long MalformedPackets => Interlocked.Read(ref malformedPackets);

    /// <summary>Encrypts and authenticates the RTP packet in <paramref name="buffer"/>[0..<paramref name="length"/>).</summary>
    public SrtpStatus ProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if ((uint)length > (uint)buffer.Length)
        {
            return SrtpStatus.Malformed;
        }

        int headerLength = RtpHeader.MeasureHeader(buffer[..length]);
        if (headerLength < 0)
        {
            return SrtpStatus.Malformed;
        }

        if (buffer.Length - length < transform.RtpTagLength || length - headerLength > AesCounterMode.MaximumLength)
        {
            return SrtpStatus.BufferTooSmall;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        ushort sequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        SrtpStream stream = FindOrCreate(ssrc);

        // RFC 3711 §3.3.1: the sender's ROC counts wraps of its own sequence numbers.
        if (!stream.TryEstimateRolloverCounter(sequenceNumber, out uint rolloverCounter))
        {
            rolloverCounter = stream.RolloverCounter;
        }

        stream.CommitRtp(rolloverCounter, sequenceNumber);
        protectedLength = transform.ProtectRtp(buffer, headerLength, length, ssrc, rolloverCounter, sequenceNumber);
        return SrtpStatus.Ok;
    }

    /// <summary>Verifies, replay-checks and decrypts the SRTP packet in <paramref name="packet"/> (exactly the
    /// received bytes). On success <paramref name="plainLength"/> is the RTP packet length without the tag.</summary>
    public SrtpStatus UnprotectRtp(Span<byte> packet, out int plainLength)
    {
        plainLength = 0;
        int tagLength = transform.RtpTagLength;
        int headerLength = packet.Length >= tagLength ? RtpHeader.MeasureHeader(packet[..^tagLength]) : -1;
        if (headerLength < 0 || packet.Length - tagLength - headerLength > AesCounterMode.MaximumLength)
        {
            Interlocked.Increment(ref malformedPackets);
            return SrtpStatus.Malformed;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        ushort sequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        SrtpStream? stream = Find(ssrc);
        uint rolloverCounter = 0;
        ulong index = sequenceNumber;
        if (stream is not null)
        {
            if (!stream.TryEstimateRolloverCounter(sequenceNumber, out rolloverCounter))
            {
                Interlocked.Increment(ref replayedPackets);
                return SrtpStatus.TooOld;
            }

            index = ((ulong)rolloverCounter << 16) | sequenceNumber;
            SrtpStatus replay = stream.RtpWindow.Check(index);
            if (replay != SrtpStatus.Ok)
            {
                Interlocked.Increment(ref replayedPackets);
                return replay;
            }
        }

        if (!transform.UnprotectRtp(packet, headerLength, packet.Length, ssrc, rolloverCounter, sequenceNumber))
        {
            Interlocked.Increment(ref authenticationFailures);
            return SrtpStatus.AuthenticationFailed;
        }

        // Only an authenticated packet may create or advance stream state (a forged SSRC flood changes nothing).
        stream ??= Claim(ssrc);
        stream.CommitRtp(rolloverCounter, sequenceNumber);
        plainLength = packet.Length - tagLength;
        return SrtpStatus.Ok;
    }

    /// <summary>Encrypts and authenticates the compound RTCP packet in <paramref name="buffer"/>[0..<paramref name="length"/>).</summary>
    public SrtpStatus ProtectRtcp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if (length < 8 || length > buffer.Length || (buffer[0] >> 6) != 2 || length - 8 > AesCounterMode.MaximumLength)
        {
            return SrtpStatus.Malformed;
        }

        if (buffer.Length - length < transform.RtcpOverhead)
        {
            return SrtpStatus.BufferTooSmall;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]);
        SrtpStream stream = FindOrCreate(ssrc);
        uint index = stream.NextSrtcpIndex;

        // RFC 3711 §3.4: the SRTCP index is 31 bits and must not wrap under one master key; it would take
        // 2^31 reports (decades at one report per second), so it simply stays in range.
        stream.NextSrtcpIndex = (index + 1) & 0x7FFF_FFFFu;
        protectedLength = transform.ProtectRtcp(buffer, length, ssrc, index);
        return SrtpStatus.Ok;
    }

    /// <summary>Verifies, replay-checks and decrypts an SRTCP packet; <paramref name="plainLength"/> is the RTCP length.</summary>
    public SrtpStatus UnprotectRtcp(Span<byte> packet, out int plainLength)
    {
        SrtpStatus status = UnprotectRtcpWithCurrentTag(packet, out plainLength);
        if (status != SrtpStatus.Ok && transform.HasShortRtcpTag)
        {
            // Interop (see UsesShortRtcpTag): try the other tag length. The index sits elsewhere then, so even a
            // replay verdict may come from reading the wrong bytes. A length is kept only once a packet verifies
            // with it, which nobody without the key can make happen.
            transform.UseShortRtcpTag = !transform.UseShortRtcpTag;
            if (UnprotectRtcpWithCurrentTag(packet, out plainLength) == SrtpStatus.Ok)
            {
                return SrtpStatus.Ok;
            }

            transform.UseShortRtcpTag = !transform.UseShortRtcpTag;
        }

        switch (status)
        {
            case SrtpStatus.Malformed:
                Interlocked.Increment(ref malformedPackets);
                break;
            case SrtpStatus.Replayed or SrtpStatus.TooOld:
                Interlocked.Increment(ref replayedPackets);
                break;
            case SrtpStatus.AuthenticationFailed:
                Interlocked.Increment(ref authenticationFailures);
                break;
        }

        return status;
    }

    /// <summary>
    /// True when SRTCP carries a 32-bit tag instead of the 80 bits RFC 4568 §6.2.2 gives AES_CM_128_HMAC_SHA1_32
    /// (phones built on libre, such as baresip, shorten it like the SRTP tag). A receiving context switches by itself
    /// once such a packet verifies; the session then sets the same on its sending context so the peer can read our
    /// reports. Always false for other suites.
    /// </summary>
    public bool UsesShortRtcpTag
    {
        get => transform.UseShortRtcpTag;
        set => transform.UseShortRtcpTag = value;
    }

    private SrtpStatus UnprotectRtcpWithCurrentTag(Span<byte> packet, out int plainLength)
    {
        plainLength = 0;
        if (packet.Length < 8 + transform.RtcpOverhead || (packet[0] >> 6) != 2 || packet.Length > AesCounterMode.MaximumLength)
        {
            return SrtpStatus.Malformed;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        uint indexWord = BinaryPrimitives.ReadUInt32BigEndian(packet[transform.RtcpIndexOffset(packet.Length)..]);
        uint index = indexWord & 0x7FFF_FFFFu;
        bool encrypted = (indexWord & 0x8000_0000u) != 0;
        SrtpStream? stream = Find(ssrc);
        if (stream is not null)
        {
            SrtpStatus replay = stream.RtcpWindow.Check(index);
            if (replay != SrtpStatus.Ok)
            {
                return replay;
            }
        }

        if (!transform.UnprotectRtcp(packet, packet.Length, ssrc, index, encrypted))
        {
            return SrtpStatus.AuthenticationFailed;
        }

        stream ??= Claim(ssrc);
        stream.RtcpWindow.Commit(index);
        plainLength = packet.Length - transform.RtcpOverhead;
        return SrtpStatus.Ok;
    }

    /// <inheritdoc />
    public void Dispose() => transform.Dispose();

    private SrtpStream? Find(uint ssrc)
    {
        foreach (SrtpStream stream in streams)
        {
            if (stream.InUse && stream.Ssrc == ssrc)
            {
                stream.LastUsed = ++useCounter;
                return stream;
            }
        }

        return null;
    }

    private SrtpStream FindOrCreate(uint ssrc) => Find(ssrc) ?? Claim(ssrc);

    private SrtpStream Claim(uint ssrc)
    {
        SrtpStream oldest = streams[0];
        foreach (SrtpStream stream in streams)
        {
            if (!stream.InUse)
            {
                oldest = stream;
                break;
            }

            if (stream.LastUsed < oldest.LastUsed)
            {
                oldest = stream;
            }
        }

        oldest.Reset(ssrc);
        oldest.LastUsed = ++useCounter;
        return oldest;
    }
}
