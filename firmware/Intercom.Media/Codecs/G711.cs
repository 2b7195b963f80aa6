namespace Intercom.Media.Codecs;

/// <summary>ITU-T G.711 µ-law and A-law companding of 16-bit linear PCM (G.711 §2, tables 1a/1b and 2a/2b).</summary>
public static class G711
{
    private static readonly short[] MuLawToLinear = BuildDecodeTable(aLaw: false);
    private static readonly short[] ALawToLinear = BuildDecodeTable(aLaw: true);

    /// <summary>Encodes one sample to µ-law.</summary>
    public static byte LinearToMuLaw(short sample)
    {
        // G.711 µ-law: bias 33 on a 14-bit magnitude, 8 segments, bits inverted on the line.
        const int Bias = 0x84;
        int value = sample >> 2;
        int sign = 0;
        if (value < 0)
        {
            value = -value;
            sign = 0x80;
        }

        value = Math.Min(value, 8158) + (Bias >> 2);
        int segment = 7;
        for (int mask = 0x1000; segment > 0 && (value & mask) == 0; mask >>= 1)
        {
            segment--;
        }

        int mantissa = (value >> (segment + 1)) & 0x0F;
        return (byte)~(sign | (segment << 4) | mantissa);
    }

    /// <summary>Encodes one sample to A-law.</summary>
    public static byte LinearToALaw(short sample)
    {
        // G.711 A-law: 13-bit magnitude, 8 segments, even bits inverted (XOR 0x55) on the line.
        int value = sample >> 3;
        int sign = 0x80;
        if (value < 0)
        {
            value = -value - 1;
            sign = 0;
        }

        int segment = 0;
        for (int limit = 0x20; segment < 7 && value >= limit; limit <<= 1)
        {
            segment++;
        }

        int mantissa = segment == 0 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return (byte)((sign | (segment << 4) | mantissa) ^ 0x55);
    }

    /// <summary>Decodes one µ-law byte.</summary>
    public static short MuLawToLinearSample(byte code) => MuLawToLinear[code];

    /// <summary>Decodes one A-law byte.</summary>
    public static short ALawToLinearSample(byte code) => ALawToLinear[code];

    /// <summary>Encodes a span of samples, one byte each.</summary>
    public static void Encode(ReadOnlySpan<short> pcm, Span<byte> payload, bool aLaw)
    {
        for (int i = 0; i < pcm.Length; i++)
        {
            payload[i] = aLaw ? LinearToALaw(pcm[i]) : LinearToMuLaw(pcm[i]);
        }
    }

    /// <summary>Decodes a span of bytes, one sample each.</summary>
    public static void Decode(ReadOnlySpan<byte> payload, Span<short> pcm, bool aLaw)
    {
        short[] table = aLaw ? ALawToLinear : MuLawToLinear;
        for (int i = 0; i < payload.Length; i++)
        {
            pcm[i] = table[payload[i]];
        }
    }

    private static short[] BuildDecodeTable(bool aLaw)
    {
        var table = new short[256];
        for (int code = 0; code < 256; code++)
        {
            if (aLaw)
            {
                int value = code ^ 0x55;
                int segment = (value >> 4) & 0x07;
                int mantissa = value & 0x0F;
                int magnitude = segment == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (segment - 1);
                table[code] = (short)((value & 0x80) != 0 ? magnitude : -magnitude);
            }
            else
            {
                int value = ~code & 0xFF;
                int segment = (value >> 4) & 0x07;
                int mantissa = value & 0x0F;
                int magnitude = (((mantissa << 3) + 0x84) << segment) - 0x84;
                table[code] = (short)((value & 0x80) != 0 ? -magnitude : magnitude);
            }
        }

        return table;
    }
}
