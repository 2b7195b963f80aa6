namespace Intercom.Media.Srtp;

/// <summary>
/// AES-128 key expansion (FIPS 197 §5.2) in plain code: it runs once per session, and keeping it out of the
/// instruction-set paths lets the x86 (AES-NI) and Arm (ARMv8 Crypto) block functions share one schedule.
/// </summary>
internal static class Aes128KeySchedule
{
    /// <summary>Number of round keys for AES-128: the initial key plus ten rounds.</summary>
    public const int RoundKeyCount = 11;

    private static readonly byte[] SubstitutionBox = BuildSubstitutionBox();

    /// <summary>Expands a 16-byte key into 11 round keys of 16 bytes each, in byte order.</summary>
    public static void Expand(ReadOnlySpan<byte> key, Span<byte> roundKeys)
    {
        if (key.Length != 16 || roundKeys.Length < RoundKeyCount * 16)
        {
            throw new ArgumentException("AES-128 needs a 16-byte key and 176 bytes of round keys.", nameof(key));
        }

        key.CopyTo(roundKeys);
        byte roundConstant = 1;
        for (int i = 16; i < RoundKeyCount * 16; i += 4)
        {
            byte t0 = roundKeys[i - 4], t1 = roundKeys[i - 3], t2 = roundKeys[i - 2], t3 = roundKeys[i - 1];
            if (i % 16 == 0)
            {
                // FIPS 197 §5.2: temp = SubWord(RotWord(temp)) xor Rcon[i/Nk]
                byte rotated = t0;
                t0 = (byte)(SubstitutionBox[t1] ^ roundConstant);
                t1 = SubstitutionBox[t2];
                t2 = SubstitutionBox[t3];
                t3 = SubstitutionBox[rotated];
                roundConstant = MultiplyByX(roundConstant);
            }

            roundKeys[i] = (byte)(roundKeys[i - 16] ^ t0);
            roundKeys[i + 1] = (byte)(roundKeys[i - 15] ^ t1);
            roundKeys[i + 2] = (byte)(roundKeys[i - 14] ^ t2);
            roundKeys[i + 3] = (byte)(roundKeys[i - 13] ^ t3);
        }
    }

    private static byte MultiplyByX(byte value) => (byte)((value << 1) ^ ((value & 0x80) != 0 ? 0x1B : 0));

    private static byte[] BuildSubstitutionBox()
    {
        // FIPS 197 §5.1.1: multiplicative inverse in GF(2^8) followed by the affine transform.
        var box = new byte[256];
        for (int x = 0; x < 256; x++)
        {
            byte inverse = Inverse((byte)x);
            int s = inverse;
            int result = inverse;
            for (int shift = 1; shift <= 4; shift++)
            {
                result ^= ((s << shift) | (s >> (8 - shift))) & 0xFF;
            }

            box[x] = (byte)(result ^ 0x63);
        }

        return box;
    }

    private static byte Inverse(byte value)
    {
        if (value == 0)
        {
            return 0;
        }

        // value^254 = value^-1 in GF(2^8)
        byte result = 1;
        byte power = value;
        for (int exponent = 254; exponent > 0; exponent >>= 1)
        {
            if ((exponent & 1) != 0)
            {
                result = Multiply(result, power);
            }

            power = Multiply(power, power);
        }

        return result;
    }

    private static byte Multiply(byte a, byte b)
    {
        byte product = 0;
        while (b != 0)
        {
            if ((b & 1) != 0)
            {
                product ^= a;
            }

            a = MultiplyByX(a);
            b >>= 1;
        }

        return product;
    }
}
