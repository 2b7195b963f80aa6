using System.Buffers.Binary;
using System.Text;
using CsCheck;
using Intercom.Media.Dtmf;
using Intercom.Media.Rtp;
using Intercom.Media.Sdp;
using Intercom.Media.Srtp;

namespace Intercom.Fuzz.Tests.Properties;

/// <summary>Generated media-plane input: SDP descriptions, RTP headers, RTCP reports, SRTP streams, DTMF payloads and INFO bodies.</summary>
public sealed class MediaPropertyTests
{
    private static readonly Gen<string> Word = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_./+"].Array[1, 10].Select(c => new string(c));

    [Fact]
    public void Sdp_GeneratedDescription_PrintParsePrintIsStable()
    {
        Gen<SdpAttributeLine> attribute = Gen.Select(Word, Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789 /=;:-"].Array[0, 20].Select(c => new string(c).Trim()),
            (name, value) => new SdpAttributeLine(name, value));
        Gen<MediaDescription> media = Gen.Select(Gen.OneOf("audio", "video"), Gen.Int[0, 65535], Gen.OneOf("RTP/AVP", "RTP/SAVP"), Gen.Int[0, 127].Array[1, 6], attribute.Array[0, 6],
            (kind, port, protocol, formats, attributes) =>
            {
                var description = new MediaDescription { Media = kind, Port = port, Protocol = protocol };
                description.Formats.AddRange(formats.Select(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                description.Attributes.AddRange(attributes);
                return description;
            });
        Gen.Select(Gen.ULong, Gen.ULong, Gen.OneOf("192.0.2.1", "2001:db8::1", "127.0.0.1"), media.Array[0, 3]).Sample((id, version, address, sections) =>
        {
            var description = new SessionDescription { SessionId = id, SessionVersion = version, OriginAddress = address, ConnectionAddress = address };
            description.Media.AddRange(sections);
            string printed = description.ToString();

            SdpParseResult parsed = SdpParser.Parse(printed);

            Assert.True(parsed.Success, parsed.Error);
            Assert.Equal(printed, parsed.Description!.ToString());
            Assert.Equal(id, parsed.Description.SessionId);
            Assert.Equal(sections.Length, parsed.Description.Media.Count);
        }, iter: 1_000);
    }

    [Fact]
    public void RtpHeader_GeneratedPacket_ParsesToItsFields()
    {
        Gen<(bool, int, ushort, uint, uint)> fields = Gen.Select(Gen.Bool, Gen.Int[0, 127], Gen.UShort, Gen.UInt, Gen.UInt);
        Gen<(int, int?, int, int)> layout = Gen.Select(Gen.Int[0, 15], Gen.Int[0, 8].Nullable(0.5), Gen.Int[0, 40], Gen.Int[0, 255]);
        Gen.Select(fields, layout).Sample((header5, layout4) =>
        {
            (bool marker, int payloadType, ushort sequence, uint timestamp, uint ssrc) = header5;
            (int csrcs, int? extensionWords, int payload, int padding) = layout4;
            int extension = extensionWords is int words ? 4 + (4 * words) : 0;
            int header = RtpHeader.FixedLength + (4 * csrcs) + extension;
            byte[] packet = new byte[header + payload + padding];
            RtpHeader.Write(packet, marker, (byte)payloadType, sequence, timestamp, ssrc);
            packet[0] |= (byte)csrcs;
            if (extensionWords is int count)
            {
                packet[0] |= 0x10;
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(RtpHeader.FixedLength + (4 * csrcs) + 2), (ushort)count);
            }

            if (padding > 0)
            {
                packet[0] |= 0x20;
                packet[^1] = (byte)padding;
            }

            Assert.True(RtpHeader.TryParse(packet, out RtpHeader parsed));
            Assert.Equal((marker, (byte)payloadType, sequence, timestamp, ssrc, header, padding),
                (parsed.Marker, parsed.PayloadType, parsed.SequenceNumber, parsed.Timestamp, parsed.Ssrc, parsed.HeaderLength, parsed.PaddingLength));
            Assert.False(RtpHeader.TryParse(packet.AsSpan(0, header - 1), out _));
        }, iter: 5_000);
    }

    [Fact]
    public void Rtcp_GeneratedReport_ReadsBackTheBlock()
    {
        Gen<RtcpReportBlock> block = Gen.Select(Gen.UInt, Gen.Byte, Gen.Int[-0x800000, 0x7FFFFF], Gen.UInt, Gen.UInt, Gen.UInt, Gen.UInt,
            (ssrc, fraction, lost, highest, jitter, lsr, dlsr) => new RtcpReportBlock(ssrc, fraction, lost, highest, jitter, lsr, dlsr));
        Gen.Select(Gen.UInt, Gen.ULong, block, Gen.Char["abcdefghijklmnopqrstuvwxyz-0123456789"].Array[1, 64]).Sample((ssrc, ntp, report, name) =>
        {
            byte[] buffer = new byte[512];
            int length = RtcpPackets.WriteReport(buffer, ssrc, ntp, 1, 2, 3, report, Encoding.ASCII.GetBytes(name));

            Assert.True(RtcpPackets.TryRead(buffer.AsSpan(0, length), report.Ssrc, out RtcpReportBlock? read, out uint middle, out bool goodbye));
            Assert.Equal(report, read);
            Assert.Equal(ntp == 0 ? 0u : (uint)(ntp >> 16), middle);
            Assert.False(goodbye);
            Assert.Equal(0, length % 4);
        }, iter: 5_000);
    }

    [Fact]
    public void Srtp_GeneratedStream_RoundTripsAndRejectsEveryFlippedBit()
    {
        Gen<SrtpCryptoSuite> suite = Gen.OneOf(SrtpCryptoSuite.AesCm128HmacSha1Tag80, SrtpCryptoSuite.AesCm128HmacSha1Tag32, SrtpCryptoSuite.AeadAes128Gcm);
        Gen.Select(suite, Gen.Byte.Array[16, 16], Gen.Byte.Array[14, 14], Gen.Byte.Array[0, 200].Array[1, 8], Gen.UShort, Gen.Int[0, int.MaxValue])
            .Sample((chosen, key, salt, payloads, firstSequence, flip) =>
        {
            byte[] masterSalt = salt[..SrtpSuiteParameters.MasterSaltLength(chosen)];
            using var sender = new SrtpContext(chosen, key, masterSalt);
            using var receiver = new SrtpContext(chosen, key, masterSalt);
            using var attacked = new SrtpContext(chosen, key, masterSalt);
            for (int i = 0; i < payloads.Length; i++)
            {
                byte[] plain = new byte[RtpHeader.FixedLength + payloads[i].Length];
                RtpHeader.Write(plain, false, 8, (ushort)(firstSequence + i), (uint)(160 * i), 0xC0FFEE);
                payloads[i].CopyTo(plain, RtpHeader.FixedLength);
                byte[] buffer = [.. plain, .. new byte[32]];
                Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(buffer, plain.Length, out int protectedLength));
                byte[] wire = buffer[..protectedLength];

                byte[] tampered = (byte[])wire.Clone();
                tampered[flip / 8 % tampered.Length] ^= (byte)(1 << (flip % 8));
                Assert.NotEqual(SrtpStatus.Ok, attacked.UnprotectRtp(tampered, out int tamperedLength));
                Assert.Equal(0, tamperedLength);

                Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(wire, out int plainLength));
                Assert.Equal(plain, wire[..plainLength]);
                Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtp(buffer.AsSpan(0, protectedLength), out _));
            }

            Assert.Equal(payloads.Length, attacked.AuthenticationFailures + attacked.MalformedPackets);
        }, iter: 300);
    }

    [Fact]
    public void TelephoneEventPayload_AnyFields_RoundTrip()
    {
        Gen.Select(Gen.Int[0, 255], Gen.Bool, Gen.Int[0, 63], Gen.Int[0, 65535]).Sample((code, end, volume, duration) =>
        {
            var payload = new TelephoneEventPayload(code, end, volume, duration);
            byte[] bytes = new byte[TelephoneEventPayload.Length];
            payload.Write(bytes);

            Assert.True(TelephoneEventPayload.TryParse(bytes, out TelephoneEventPayload parsed));
            Assert.Equal(payload, parsed);
        }, iter: 5_000);
    }

    [Fact]
    public void SipInfoDtmf_GeneratedBody_GivesDigitAndDuration()
    {
        Gen<string> space = Gen.OneOf("", " ", "  ", "\t");
        Gen.Select(Gen.Char["0123456789*#ABCDabcd"], Gen.Int[0, 60_000], space, Gen.OneOf("\r\n", "\n", "\r\n\r\n"), Gen.OneOf("Signal", "signal", "SIGNAL"), Gen.Bool)
            .Sample((digit, duration, pad, lineEnd, key, durationFirst) =>
        {
            string signalLine = $"{key}{pad}={pad}{digit}{lineEnd}";
            string durationLine = $"Duration{pad}={pad}{duration}{lineEnd}";
            string body = durationFirst ? durationLine + signalLine : signalLine + durationLine;

            DtmfInfoResult result = SipInfoDtmfParser.Parse("application/dtmf-relay", body);

            Assert.True(result.Success, result.Error);
            Assert.Equal(char.ToUpperInvariant(digit), result.Digit);
            Assert.Equal(TimeSpan.FromMilliseconds(duration), result.Duration);
        }, iter: 3_000);
    }
}
