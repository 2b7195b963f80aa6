using Intercom.Media.Rtp;

namespace Intercom.Media.Tests.Srtp;

/// <summary>Builders for the RTP and RTCP packets the SRTP tests protect.</summary>
internal static class SrtpPackets
{
    public static byte[] MasterKeyAndSalt(int saltLength, byte seed)
    {
        var material = new byte[16 + saltLength];
        for (int i = 0; i < material.Length; i++)
        {
            material[i] = (byte)((i * 7) + seed);
        }

        return material;
    }

    /// <summary>An RTP packet with a payload of <paramref name="payloadLength"/> bytes in a buffer with 64 spare bytes.</summary>
    public static byte[] Rtp(ushort sequenceNumber, uint ssrc, int payloadLength, out int length)
    {
        var buffer = new byte[RtpHeader.FixedLength + payloadLength + 64];
        RtpHeader.Write(buffer, false, 0, sequenceNumber, sequenceNumber * 160u, ssrc);
        for (int i = 0; i < payloadLength; i++)
        {
            buffer[RtpHeader.FixedLength + i] = (byte)(sequenceNumber + i);
        }

        length = RtpHeader.FixedLength + payloadLength;
        return buffer;
    }

    /// <summary>A receiver report (RFC 3550 §6.4.2) with one report block, in a buffer with 64 spare bytes.</summary>
    public static byte[] ReceiverReport(uint ssrc, out int length)
    {
        length = 32;
        var buffer = new byte[length + 64];
        buffer[0] = 0x81;
        buffer[1] = 201;
        buffer[3] = 7;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), ssrc);
        for (int i = 8; i < length; i++)
        {
            buffer[i] = (byte)i;
        }

        return buffer;
    }
}
