using System.Net;
using System.Net.Sockets;
using Intercom.Media.Codecs;
using Intercom.Media.Dtmf;
using Intercom.Media.Rtp;
using Intercom.Media.Sdp;
using Intercom.Media.Srtp;

namespace Intercom.Media.Session;

/// <summary>The sending half: capture frames to RTP (audio thread).</summary>
public sealed partial class MediaSession
{
    private readonly byte[] sendBuffer = new byte[MaximumDatagram + 64];
    private IAudioEncoder? encoder;
    private Resampler? captureResampler;
    private short[] packetPcm = [];
    private short[] resampledCapture = [];
    private int packetFill;
    private int samplesPerPacket;
    private uint timestampPerPacket;
    private int rtpClockRateHz;
    private ushort sequenceNumber;
    private uint timestamp;
    private bool talkspurtStarted;
    private long packetsSent;
    private long octetsSent;
    private TelephoneEventSender? telephoneEventSender;
    private SrtpContext? outboundRtpSrtp;
    private volatile SocketAddress? remoteRtpAddress;
    private volatile MediaDirection direction;

    /// <summary>
    /// Takes one 10 ms capture frame at the engine's rate (audio thread). Sends a packet whenever a packet time of
    /// audio has gathered, or a telephone-event packet instead while a DTMF digit plays.
    /// </summary>
    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        if (encoder is null || captureResampler is null || disposed)
        {
            return;
        }

        int count = captureResampler.Process(frame, resampledCapture);
        int offset = 0;
        while (offset < count)
        {
            int take = Math.Min(count - offset, samplesPerPacket - packetFill);
            resampledCapture.AsSpan(offset, take).CopyTo(packetPcm.AsSpan(packetFill));
            packetFill += take;
            offset += take;
            if (packetFill == samplesPerPacket)
            {
                SendPacket();
                packetFill = 0;
            }
        }
    }

    private void SendPacket()
    {
        NegotiatedMedia negotiated = media!;
        SocketAddress? destination = remoteRtpAddress;
        bool sending = direction is MediaDirection.SendReceive or MediaDirection.SendOnly;
        if (destination is not null && sending)
        {
            Span<byte> payload = sendBuffer.AsSpan(RtpHeader.FixedLength, MaximumDatagram - RtpHeader.FixedLength);
            if (telephoneEventSender is not null && telephoneEventSender.IsActive
                && telephoneEventSender.TryNextPacket(timestamp, payload, out bool eventMarker, out uint eventTimestamp))
            {
                RtpHeader.Write(sendBuffer, eventMarker, (byte)negotiated.TelephoneEventPayloadType, sequenceNumber++, eventTimestamp, localSsrc);
                Transmit(destination, RtpHeader.FixedLength + TelephoneEventPayload.Length);
                talkspurtStarted = false;
            }
            else
            {
                int length = encoder!.Encode(packetPcm, payload);
                if (length > 0)
                {
                    // RFC 3551 §4.1: the marker bit flags the first packet of a talkspurt.
                    RtpHeader.Write(sendBuffer, !talkspurtStarted, (byte)negotiated.PayloadType, sequenceNumber++, timestamp, localSsrc);
                    talkspurtStarted = true;
                    Transmit(destination, RtpHeader.FixedLength + length);
                }
            }
        }

        timestamp += timestampPerPacket;
    }

    private void Transmit(SocketAddress destination, int length)
    {
        if (outboundRtpSrtp is not null && outboundRtpSrtp.ProtectRtp(sendBuffer, length, out length) != SrtpStatus.Ok)
        {
            return;
        }

        try
        {
            rtpSocket.SendTo(sendBuffer.AsSpan(0, length), SocketFlags.None, destination);
            Interlocked.Increment(ref packetsSent);
            octetsSent += length;
        }
        catch (SocketException)
        {
            // ICMP unreachable from an earlier datagram or a vanished interface: the RTP timeout handles dead peers.
        }
        catch (ObjectDisposedException)
        {
            // The session is being disposed while the audio thread still sends.
        }
    }
}
