using System.Buffers.Binary;
using Intercom.Media.Codecs;
using Intercom.Media.Codecs.G722;
using Intercom.Media.Codecs.Opus;
using Intercom.Media.Dtmf;
using Intercom.Media.Jitter;
using Intercom.Media.Rtp;
using Intercom.Tools.Fuzz.Engine;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>
/// A stream of hostile RTP packets through the receive path of a call, as <c>MediaSession</c> runs it: header
/// parser, receiver statistics (RFC 3550 A.3/A.8), RFC 4733 event receiver, jitter buffer and the real decoders
/// (G.711, G.722, Opus at 16 and 48 kHz) with concealment and FEC. Input: a codec byte, then records of
/// <c>[frames to pull][arrival step ms][length][packet]</c>. Properties: nothing throws, every playout frame is
/// filled, statistics stay finite and the target delay stays within its bounds.
/// </summary>
internal sealed class RtpStreamTarget : IFuzzTarget
{
    private const int TelephoneEventPayloadType = 101;
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaximumDelay = TimeSpan.FromMilliseconds(300);

    public string Name => "rtp-stream";

    public string Description => "RTP receive path: statistics, RFC 4733 events, jitter buffer, G.711/G.722/Opus decoders";

    public int MaximumInputLength => 16 * 1024;

    public bool IsText => false;

    public IReadOnlyList<byte[]> Dictionary { get; } = [[0x80, 8], [0x80, 9], [0x80, 111], [0x80, 101], [0x80, 0xE5], [0, 0], [0xFF, 0xFF], [0x7F, 0xFF, 0xFF, 0xFF]];

    public IReadOnlyList<byte[]> CreateSeeds()
    {
        var seeds = new List<byte[]>();
        for (byte codec = 0; codec < 4; codec++)
        {
            seeds.Add(Stream(codec, dtmf: codec == 1));
        }

        return seeds;
    }

    public string Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return "empty";
        }

        (AudioCodec codec, int decoderRateHz, byte payloadType) = (input[0] % 4) switch
        {
            0 => (AudioCodec.Pcma, 8000, (byte)8),
            1 => (AudioCodec.G722, 16000, (byte)9),
            2 => (AudioCodec.Opus, 16000, (byte)111),
            _ => (AudioCodec.Opus, 48000, (byte)111),
        };
        int clockRateHz = AudioCodecInfo.RtpClockRateHz(codec);
        using IAudioDecoder decoder = codec switch
        {
            AudioCodec.Pcma => new G711Decoder(AudioCodec.Pcma),
            AudioCodec.G722 => new G722Decoder(),
            _ => new OpusDecoder(decoderRateHz),
        };

        const long TicksPerSecond = 1000;
        using var jitter = new JitterBuffer(decoder, clockRateHz, TicksPerSecond, MinimumDelay, MaximumDelay);
        var statistics = new RtpReceiverStatistics(clockRateHz, TicksPerSecond);
        var events = new TelephoneEventReceiver();
        short[] frame = new short[decoderRateHz / 100];
        long now = 0;
        int position = 1;
        int digits = 0;
        while (position + 3 <= input.Length)
        {
            int pulls = input[position] & 7;
            now += input[position + 1];
            int length = Math.Min(input[position + 2] * 8, input.Length - position - 3);
            ReadOnlySpan<byte> packet = input.Slice(position + 3, length);
            position += 3 + length;
            if (RtpHeader.TryParse(packet, out RtpHeader header))
            {
                ReadOnlySpan<byte> payload = packet[header.HeaderLength..(packet.Length - header.PaddingLength)];
                if (header.PayloadType == payloadType)
                {
                    statistics.Update(header.SequenceNumber, header.Timestamp, now);
                    jitter.Insert(payload, header.SequenceNumber, header.Timestamp, now);
                }
                else if (header.PayloadType == TelephoneEventPayloadType && events.Process(header.Timestamp, payload, out char digit))
                {
                    FuzzPropertyException.Check(DtmfDigits.IsDigit(digit), "an RFC 4733 event yields a DTMF digit");
                    digits++;
                }
            }

            for (int i = 0; i < pulls; i++)
            {
                frame.AsSpan().Fill(short.MinValue);
                jitter.Pull(frame);
            }
        }

        JitterBufferStatistics buffered = jitter.Statistics;
        FuzzPropertyException.Check(buffered.TargetDelay >= MinimumDelay - TimeSpan.FromMilliseconds(1) && buffered.TargetDelay <= MaximumDelay + TimeSpan.FromMilliseconds(1),
            "the target delay stays within its bounds", () => buffered.TargetDelay.ToString());
        FuzzPropertyException.Check(double.IsFinite(statistics.Jitter.TotalMilliseconds), "jitter is finite");
        _ = statistics.TakeFractionLost();
        _ = statistics.Lost;
        return $"{codec}/{decoderRateHz} {(buffered.Packets > 0 ? "played" : "silent")}{(digits > 0 ? " dtmf" : "")}";
    }

    private static byte[] Stream(byte codecSelector, bool dtmf)
    {
        (byte payloadType, int payloadBytes, int step) = (codecSelector % 4) switch
        {
            0 => ((byte)8, 160, 160),
            1 => ((byte)9, 160, 160),
            _ => ((byte)111, 60, 960),
        };
        var stream = new List<byte> { codecSelector };
        var random = new Random(codecSelector);
        for (int i = 0; i < 24; i++)
        {
            byte[] packet = new byte[RtpHeader.FixedLength + payloadBytes];
            bool isEvent = dtmf && i is >= 10 and < 13;
            RtpHeader.Write(packet, i == 0, isEvent ? (byte)TelephoneEventPayloadType : payloadType, (ushort)(1000 + i), (uint)(i * step), 7);
            random.NextBytes(packet.AsSpan(RtpHeader.FixedLength));
            if (payloadType == 111)
            {
                packet[RtpHeader.FixedLength] = 0x78; // TOC: SILK wideband 20 ms, mono, one frame
            }

            if (isEvent)
            {
                new TelephoneEventPayload(5, i == 12, 10, 160 * (i - 9)).Write(packet.AsSpan(RtpHeader.FixedLength));
                BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), 10u * (uint)step);
                packet = packet[..(RtpHeader.FixedLength + TelephoneEventPayload.Length + 4)];
            }

            int length = (packet.Length + 7) / 8 * 8;
            Array.Resize(ref packet, length);
            stream.Add((byte)(i % 3));
            stream.Add(20);
            stream.Add((byte)(length / 8));
            stream.AddRange(packet);
        }

        return [.. stream];
    }
}
