using System.Net;
using System.Net.Sockets;
using Intercom.Media.Codecs;
using Intercom.Media.Dtmf;
using Intercom.Media.Jitter;
using Intercom.Media.Rtp;
using Intercom.Media.Sdp;
using Intercom.Media.Srtp;

namespace Intercom.Media.Session;

/// <summary>The receiving half: the network thread, RTCP, and playback frames (audio thread).</summary>
public sealed partial class MediaSession
{
    private static readonly TimeSpan DropLogInterval = TimeSpan.FromSeconds(5);

    private readonly byte[] receiveBuffer = new byte[MaximumDatagram + 64];
    private readonly byte[] rtcpBuffer = new byte[512];
    private readonly DigitQueue inBandDigits = new();
    private readonly char[] detectedDigits = new char[4];
    private IAudioDecoder? decoder;
    private Resampler? playbackResampler;
    private JitterBuffer? jitterBuffer;
    private ReceivedPacketRing? receivedRing;
    private InBandDtmfDetector? inBandDetector;
    private short[] decodedFrame = [];
    private readonly TelephoneEventReceiver telephoneEventReceiver = new();
    private RtpReceiverStatistics? receiveStatistics;
    private SrtpContext? inboundSrtp;
    private SrtpContext? outboundRtcpSrtp;
    private volatile SocketAddress? remoteRtcpAddress;
    private volatile bool latched;
    private volatile bool rtcpLatched;
    private volatile bool telephoneEventsSeen;
    private long lastReceivedTimestamp;
    private bool timeoutRaised;
    private long malformedPackets;
    private long rtcpPacketsReceived;
    private long unexpectedPayloadTypes;
    private long dtmfDigits;
    private long droppedSinceLog;
    private string lastDropReason = "";
    private long lastDropLogTimestamp;
    private uint lastSenderReportMiddleNtp;
    private long lastSenderReportArrival;
    private int remoteFractionLost;
    private TimeSpan roundTripTime;
    private uint remoteSsrc;

    /// <summary>
    /// Fills one 10 ms playback frame at the engine's rate (audio thread): network ring to jitter buffer, decode or
    /// conceal, in-band DTMF detection, resampling.
    /// </summary>
    public void ReadFrame(Span<short> frame)
    {
        if (jitterBuffer is null || receivedRing is null || playbackResampler is null || disposed)
        {
            frame.Clear();
            return;
        }

        while (receivedRing.TryPeek(out ReadOnlySpan<byte> payload, out ushort sequence, out uint packetTimestamp, out long arrival))
        {
            jitterBuffer.Insert(payload, sequence, packetTimestamp, arrival);
            receivedRing.Release();
        }

        jitterBuffer.Pull(decodedFrame);
        if (inBandDetector is not null && !telephoneEventsSeen)
        {
            int found = inBandDetector.Process(decodedFrame, detectedDigits);
            for (int i = 0; i < found; i++)
            {
                inBandDigits.TryWrite(detectedDigits[i]);
            }
        }

        int written = playbackResampler.Process(decodedFrame, frame);
        if (written < frame.Length)
        {
            frame[written..].Clear();
        }
    }

    private void NetworkLoop()
    {
        var source = new SocketAddress(rtpSocket.AddressFamily);
        long nextRtcp = timeProvider.GetTimestamp() + (long)(options.RtcpInterval.TotalSeconds * timeProvider.TimestampFrequency / 2);
        CancellationToken token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (rtpSocket.Poll(TimeSpan.FromMilliseconds(50), SelectMode.SelectRead))
                {
                    int length = rtpSocket.ReceiveFrom(receiveBuffer, SocketFlags.None, source);
                    HandleDatagram(receiveBuffer.AsSpan(0, length), source);
                }

                if (!media!.RtcpMux && rtcpSocket.Poll(0, SelectMode.SelectRead))
                {
                    int length = rtcpSocket.ReceiveFrom(rtcpBuffer, SocketFlags.None, source);
                    HandleRtcp(rtcpBuffer.AsSpan(0, length), source);
                }

                long now = timeProvider.GetTimestamp();
                if (now >= nextRtcp)
                {
                    SendRtcp(now);
                    nextRtcp = now + (long)(options.RtcpInterval.TotalSeconds * timeProvider.TimestampFrequency);
                }

                RaiseQueuedDigits();
                CheckTimeout(now);
                LogDrops(now);
            }
            catch (SocketException)
            {
                // ICMP port unreachable for an earlier send surfaces here on Linux; nothing to do.
            }
            catch (ObjectDisposedException)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive our own bugs: log and go on (STYLE.md habit 5).
            catch (Exception exception)
#pragma warning restore CA1031
            {
                MediaSessionLog.ReceiveLoopError(logger, exception);
            }
        }
    }

    private void HandleDatagram(Span<byte> datagram, SocketAddress source)
    {
        // RFC 5761 §4: with rtcp-mux, payload types 64-95 (72-76 with the marker) are RTCP.
        if (RtcpPackets.IsRtcp(datagram))
        {
            // With rtcp-mux RTCP shares the RTP address, which Latch follows.
            HandleRtcp(datagram, null);
            return;
        }

        int length = datagram.Length;
        if (inboundSrtp is not null)
        {
            SrtpStatus status = inboundSrtp.UnprotectRtp(datagram, out length);
            if (status != SrtpStatus.Ok)
            {
                Drop(status.ToString());
                return;
            }
        }

        if (!RtpHeader.TryParse(datagram[..length], out RtpHeader header))
        {
            Interlocked.Increment(ref malformedPackets);
            Drop("malformed RTP");
            return;
        }

        NegotiatedMedia negotiated = media!;
        ReadOnlySpan<byte> payload = datagram[header.HeaderLength..(length - header.PaddingLength)];
        bool audio = header.PayloadType == negotiated.PayloadType;
        bool telephoneEvent = header.PayloadType == negotiated.TelephoneEventPayloadType;
        if (!audio && !telephoneEvent)
        {
            Interlocked.Increment(ref unexpectedPayloadTypes);
            return;
        }

        Latch(source);
        long now = timeProvider.GetTimestamp();
        lastReceivedTimestamp = now;
        remoteSsrc = header.Ssrc;
        receiveStatistics!.Update(header.SequenceNumber, header.Timestamp, now);
        if (audio)
        {
            receivedRing!.TryWrite(payload, header.SequenceNumber, header.Timestamp, now);
            return;
        }

        telephoneEventsSeen = true;
        if (telephoneEventReceiver.Process(header.Timestamp, payload, out char digit))
        {
            RaiseDigit(digit, DtmfSource.Rfc4733);
        }
    }

    private void Latch(SocketAddress source)
    {
        // Symmetric RTP (RFC 4961): send to where valid media comes from, which fixes NAT between us and the peer.
        if (NewSource(latched, remoteRtpAddress, source) is not SocketAddress copy)
        {
            latched = true;
            return;
        }

        string signalled = media!.RemoteRtp.ToString();
        remoteRtpAddress = copy;
        if (media.RtcpMux)
        {
            remoteRtcpAddress = copy;
        }

        latched = true;
        if (logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
        {
#pragma warning disable CA1873 // guarded by IsEnabled; runs once per call
            MediaSessionLog.Latched(logger, ToEndPoint(copy).ToString(), signalled);
#pragma warning restore CA1873
        }
    }

    /// <summary>
    /// A copy of <paramref name="source"/> to send to from now on (RFC 4961), or null when the stream has latched
    /// already or <paramref name="current"/> is that address. The copy is needed: the receive loop reuses its buffer.
    /// </summary>
    private static SocketAddress? NewSource(bool alreadyLatched, SocketAddress? current, SocketAddress source)
    {
        if (alreadyLatched || (current is not null && current.Equals(source)))
        {
            return null;
        }

        var copy = new SocketAddress(source.Family, source.Size);
        source.Buffer.Span.CopyTo(copy.Buffer.Span);
        return copy;
    }

    private void LatchRtcp(SocketAddress source)
    {
        // Symmetric RTCP (RFC 4961 §3): send our reports to where the peer's verified RTCP comes from. Only packets
        // that authenticated (SRTCP) and parsed get here, so a forged datagram cannot redirect our reports.
        if (NewSource(rtcpLatched, remoteRtcpAddress, source) is not SocketAddress copy)
        {
            rtcpLatched = true;
            return;
        }

        remoteRtcpAddress = copy;
        rtcpLatched = true;
        if (logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
        {
#pragma warning disable CA1873 // guarded by IsEnabled; runs once per call
            MediaSessionLog.LatchedRtcp(logger, ToEndPoint(copy).ToString(), media!.RemoteRtcp.ToString());
#pragma warning restore CA1873
        }
    }

    /// <param name="datagram">The RTCP compound packet (SRTCP when SRTP is on), decrypted in place.</param>
    /// <param name="rtcpSource">Where it came from on the separate RTCP port; null with rtcp-mux.</param>
    private void HandleRtcp(Span<byte> datagram, SocketAddress? rtcpSource)
    {
        int length = datagram.Length;
        if (inboundSrtp is not null)
        {
            SrtpStatus status = inboundSrtp.UnprotectRtcp(datagram, out length);
            if (status != SrtpStatus.Ok)
            {
                Drop("SRTCP " + status);
                return;
            }

            // Answer in the SRTCP tag length the peer uses (RFC 4568 §6.2.2 interop, see SrtpContext.UsesShortRtcpTag).
            if (outboundRtcpSrtp is not null)
            {
                outboundRtcpSrtp.UsesShortRtcpTag = inboundSrtp.UsesShortRtcpTag;
            }
        }

        if (!RtcpPackets.TryRead(datagram[..length], localSsrc, out RtcpReportBlock? block, out uint middleNtp, out _))
        {
            Interlocked.Increment(ref malformedPackets);
            Drop("malformed RTCP");
            return;
        }

        Interlocked.Increment(ref rtcpPacketsReceived);
        if (rtcpSource is not null)
        {
            LatchRtcp(rtcpSource);
        }

        long now = timeProvider.GetTimestamp();
        if (middleNtp != 0)
        {
            lastSenderReportMiddleNtp = middleNtp;
            lastSenderReportArrival = now;
        }

        if (block is RtcpReportBlock report)
        {
            remoteFractionLost = report.FractionLost;
            if (report.LastSenderReport != 0)
            {
                // RFC 3550 §6.4.1: RTT = A - LSR - DLSR in 1/65536 s.
                uint arrival = MiddleNtp(timeProvider.GetUtcNow());
                uint rtt = arrival - report.LastSenderReport - report.DelaySinceLastSenderReport;
                if (rtt < 65536 * 10)
                {
                    roundTripTime = TimeSpan.FromSeconds(rtt / 65536.0);
                }
            }
        }
    }

    private void SendRtcp(long now)
    {
        SocketAddress? destination = media!.RtcpMux ? remoteRtpAddress : remoteRtcpAddress;
        if (destination is null || receiveStatistics is null)
        {
            return;
        }

        RtcpReportBlock? block = null;
        if (receiveStatistics.Received > 0)
        {
            uint delay = 0;
            if (lastSenderReportMiddleNtp != 0)
            {
                delay = (uint)((now - lastSenderReportArrival) * 65536.0 / timeProvider.TimestampFrequency);
            }

            block = new RtcpReportBlock(remoteSsrc, receiveStatistics.TakeFractionLost(), (int)Math.Min(receiveStatistics.Lost, int.MaxValue),
                receiveStatistics.ExtendedHighestSequence, receiveStatistics.JitterUnits, lastSenderReportMiddleNtp, delay);
        }

        ulong ntp = Interlocked.Read(ref packetsSent) > 0 ? NtpTimestamp(timeProvider.GetUtcNow()) : 0;
        int length = RtcpPackets.WriteReport(rtcpBuffer, localSsrc, ntp, timestamp, (uint)Interlocked.Read(ref packetsSent), (uint)octetsSent, block, canonicalName);
        if (outboundRtcpSrtp is not null && outboundRtcpSrtp.ProtectRtcp(rtcpBuffer, length, out length) != SrtpStatus.Ok)
        {
            return;
        }

        Socket socket = media.RtcpMux ? rtpSocket : rtcpSocket;
        socket.SendTo(rtcpBuffer.AsSpan(0, length), SocketFlags.None, destination);
    }

    private void CheckTimeout(long now)
    {
        bool receiving = direction is MediaDirection.SendReceive or MediaDirection.ReceiveOnly;
        if (timeoutRaised || !receiving || options.RtpTimeout <= TimeSpan.Zero)
        {
            return;
        }

        if (timeProvider.GetElapsedTime(Volatile.Read(ref lastReceivedTimestamp), now) >= options.RtpTimeout)
        {
            timeoutRaised = true;
            MediaSessionLog.RtpTimeout(logger, options.RtpTimeout);
            RtpTimedOut?.Invoke(this, EventArgs.Empty);
        }
    }

    private void RaiseQueuedDigits()
    {
        while (inBandDigits.TryRead(out char digit))
        {
            if (!telephoneEventsSeen)
            {
                RaiseDigit(digit, DtmfSource.InBand);
            }
        }
    }

    private void RaiseDigit(char digit, DtmfSource source)
    {
        Interlocked.Increment(ref dtmfDigits);
        MediaSessionLog.Digit(logger, source);
        DtmfReceived?.Invoke(this, new DtmfDigitEventArgs(digit, source));
    }

    private void Drop(string reason)
    {
        droppedSinceLog++;
        lastDropReason = reason;
    }

    private void LogDrops(long now)
    {
        // Rate-limited: one line per interval with the count, never one per packet.
        if (droppedSinceLog > 0 && timeProvider.GetElapsedTime(lastDropLogTimestamp, now) >= DropLogInterval)
        {
            MediaSessionLog.Dropped(logger, droppedSinceLog, lastDropReason);
            droppedSinceLog = 0;
            lastDropLogTimestamp = now;
        }
    }

    private static ulong NtpTimestamp(DateTimeOffset time)
    {
        // RFC 3550 §4: seconds since 1900-01-01 in the high 32 bits, fraction in the low 32 bits.
        double seconds = (time - new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds;
        ulong whole = (ulong)Math.Floor(seconds);
        return (whole << 32) | (ulong)((seconds - whole) * 4294967296.0);
    }

    private static uint MiddleNtp(DateTimeOffset time) => (uint)(NtpTimestamp(time) >> 16);
}
