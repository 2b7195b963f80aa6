using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Intercom.Media.Srtp;

/// <summary>
/// AES-128-GCM (NIST SP 800-38D) with a 96-bit nonce and a 16-byte tag, on AES-NI and PCLMULQDQ. Unlike
/// <see cref="AesGcm"/>, a tag mismatch returns false instead of throwing, so a flood of forged SRTP packets costs
/// no exceptions, and no native call is made per packet. Only where <see cref="IsSupported"/>; elsewhere
/// <see cref="AesGcmTransform"/> uses <see cref="AesGcm"/>.
/// </summary>
internal sealed class AesGcm128 : IDisposable
{
    private readonly Vector128<byte>[] roundKeys = new Vector128<byte>[Aes128KeySchedule.RoundKeyCount];
    private readonly Vector128<ulong> hashKey;

    public AesGcm128(ReadOnlySpan<byte> key)
    {
        Span<byte> expanded = stackalloc byte[Aes128KeySchedule.RoundKeyCount * 16];
        Aes128KeySchedule.Expand(key, expanded);
        for (int i = 0; i < roundKeys.Length; i++)
        {
            roundKeys[i] = Vector128.Create<byte>(expanded.Slice(i * 16, 16));
        }

        CryptographicOperations.ZeroMemory(expanded);

        // SP 800-38D §6.4: H = CIPH_K(0^128), kept byte-reflected for the carry-less multiply.
        hashKey = Reflect(EncryptBlock(Vector128<byte>.Zero));
    }

    /// <summary>True when the CPU has the instructions this class needs.</summary>
    public static bool IsSupported => X86Aes.IsSupported && Pclmulqdq.IsSupported && Ssse3.IsSupported;

    /// <summary>Encrypts <paramref name="data"/> in place and writes the tag.</summary>
    public void Encrypt(ReadOnlySpan<byte> nonce, Span<byte> data, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        Vector128<byte> initialCounter = InitialCounter(nonce);
        Transform(initialCounter, data);
        ComputeTag(initialCounter, associatedData, data).CopyTo(tag);
    }

    /// <summary>Verifies the tag over the ciphertext, then decrypts in place; false (nothing decrypted) on mismatch.</summary>
    public bool Decrypt(ReadOnlySpan<byte> nonce, Span<byte> data, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        Vector128<byte> initialCounter = InitialCounter(nonce);
        Span<byte> expected = stackalloc byte[16];
        ComputeTag(initialCounter, associatedData, data).CopyTo(expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, tag))
        {
            return false;
        }

        Transform(initialCounter, data);
        return true;
    }

    public void Dispose() => Array.Clear(roundKeys);

    private static Vector128<byte> InitialCounter(ReadOnlySpan<byte> nonce)
    {
        // SP 800-38D §7.1: J0 = IV || 0^31 || 1 for a 96-bit IV.
        Span<byte> block = stackalloc byte[16];
        nonce[..12].CopyTo(block);
        block[12] = 0;
        block[13] = 0;
        block[14] = 0;
        block[15] = 1;
        return Vector128.Create<byte>(block);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Counter(Vector128<byte> initialCounter, int increment)
    {
        // inc32: the last 32 bits count big-endian; J0 ends in 1 and a packet never carries 2^32 blocks.
        uint low = BinaryPrimitives.ReverseEndianness(initialCounter.AsUInt32().GetElement(3)) + (uint)increment;
        return initialCounter.AsUInt32().WithElement(3, BinaryPrimitives.ReverseEndianness(low)).AsByte();
    }

    private Vector128<byte> EncryptBlock(Vector128<byte> state)
    {
        Vector128<byte>[] keys = roundKeys;
        state ^= keys[0];
        for (int round = 1; round < 10; round++)
        {
            state = X86Aes.Encrypt(state, keys[round]);
        }

        return X86Aes.EncryptLast(state, keys[10]);
    }

    private void Transform(Vector128<byte> initialCounter, Span<byte> data)
    {
        Vector128<byte>[] keys = roundKeys;
        ref byte start = ref MemoryMarshal.GetReference(data);
        int offset = 0;
        int block = 1;
        Span<byte> tail = stackalloc byte[16];
        while (data.Length - offset >= 64)
        {
            Vector128<byte> k = keys[0];
            Vector128<byte> s0 = Counter(initialCounter, block) ^ k;
            Vector128<byte> s1 = Counter(initialCounter, block + 1) ^ k;
            Vector128<byte> s2 = Counter(initialCounter, block + 2) ^ k;
            Vector128<byte> s3 = Counter(initialCounter, block + 3) ^ k;
            for (int round = 1; round < 10; round++)
            {
                k = keys[round];
                s0 = X86Aes.Encrypt(s0, k);
                s1 = X86Aes.Encrypt(s1, k);
                s2 = X86Aes.Encrypt(s2, k);
                s3 = X86Aes.Encrypt(s3, k);
            }

            k = keys[10];
            ref byte at = ref Unsafe.Add(ref start, offset);
            (X86Aes.EncryptLast(s0, k) ^ Vector128.LoadUnsafe(ref at)).StoreUnsafe(ref at);
            (X86Aes.EncryptLast(s1, k) ^ Vector128.LoadUnsafe(ref at, 16)).StoreUnsafe(ref at, 16);
            (X86Aes.EncryptLast(s2, k) ^ Vector128.LoadUnsafe(ref at, 32)).StoreUnsafe(ref at, 32);
            (X86Aes.EncryptLast(s3, k) ^ Vector128.LoadUnsafe(ref at, 48)).StoreUnsafe(ref at, 48);
            offset += 64;
            block += 4;
        }

        while (offset < data.Length)
        {
            Vector128<byte> keystream = EncryptBlock(Counter(initialCounter, block++));
            int count = Math.Min(16, data.Length - offset);
            if (count == 16)
            {
                ref byte at = ref Unsafe.Add(ref start, offset);
                (keystream ^ Vector128.LoadUnsafe(ref at)).StoreUnsafe(ref at);
            }
            else
            {
                keystream.CopyTo(tail);
                for (int i = 0; i < count; i++)
                {
                    data[offset + i] ^= tail[i];
                }
            }

            offset += count;
        }
    }

    private Vector128<byte> ComputeTag(Vector128<byte> initialCounter, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext)
    {
        // SP 800-38D §7.1: S = GHASH_H(A || 0^v || C || 0^u || [len(A)]64 || [len(C)]64); T = CIPH_K(J0) XOR S.
        Vector128<ulong> hash = Vector128<ulong>.Zero;
        hash = Absorb(hash, associatedData);
        hash = Absorb(hash, ciphertext);
        Span<byte> lengths = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(lengths, (ulong)associatedData.Length * 8);
        BinaryPrimitives.WriteUInt64BigEndian(lengths[8..], (ulong)ciphertext.Length * 8);
        hash = Multiply(hash ^ Reflect(Vector128.Create<byte>(lengths)), hashKey);
        return EncryptBlock(initialCounter) ^ Reflect(hash.AsByte()).AsByte();
    }

    private Vector128<ulong> Absorb(Vector128<ulong> hash, ReadOnlySpan<byte> data)
    {
        int offset = 0;
        while (data.Length - offset >= 16)
        {
            hash = Multiply(hash ^ Reflect(Vector128.Create<byte>(data.Slice(offset, 16))), hashKey);
            offset += 16;
        }

        if (offset < data.Length)
        {
            Span<byte> last = stackalloc byte[16];
            last.Clear();
            data[offset..].CopyTo(last);
            hash = Multiply(hash ^ Reflect(Vector128.Create<byte>(last)), hashKey);
        }

        return hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Reflect(Vector128<byte> block) =>
        Ssse3.Shuffle(block, Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)).AsUInt64();

    private static Vector128<ulong> Multiply(Vector128<ulong> a, Vector128<ulong> b)
    {
        // GF(2^128) product of byte-reflected operands: a 256-bit carry-less product from four PCLMULQDQ, shifted
        // left one bit (the operands are bit-reflected), then reduced modulo x^128 + x^7 + x^2 + x + 1.
        Vector128<ulong> low = Pclmulqdq.CarrylessMultiply(a, b, 0x00);
        Vector128<ulong> middle = Pclmulqdq.CarrylessMultiply(a, b, 0x10) ^ Pclmulqdq.CarrylessMultiply(a, b, 0x01);
        Vector128<ulong> high = Pclmulqdq.CarrylessMultiply(a, b, 0x11);
        low ^= Sse2.ShiftLeftLogical128BitLane(middle, 8);
        high ^= Sse2.ShiftRightLogical128BitLane(middle, 8);

        Vector128<uint> low32 = low.AsUInt32();
        Vector128<uint> high32 = high.AsUInt32();
        Vector128<uint> lowCarry = Sse2.ShiftRightLogical(low32, 31);
        Vector128<uint> highCarry = Sse2.ShiftRightLogical(high32, 31);
        low32 = Sse2.ShiftLeftLogical(low32, 1);
        high32 = Sse2.ShiftLeftLogical(high32, 1);
        Vector128<uint> crossing = Sse2.ShiftRightLogical128BitLane(lowCarry, 12);
        highCarry = Sse2.ShiftLeftLogical128BitLane(highCarry, 4);
        lowCarry = Sse2.ShiftLeftLogical128BitLane(lowCarry, 4);
        low32 |= lowCarry;
        high32 |= highCarry | crossing;

        Vector128<uint> fold = Sse2.ShiftLeftLogical(low32, 31) ^ Sse2.ShiftLeftLogical(low32, 30) ^ Sse2.ShiftLeftLogical(low32, 25);
        Vector128<uint> foldHigh = Sse2.ShiftRightLogical128BitLane(fold, 4);
        low32 ^= Sse2.ShiftLeftLogical128BitLane(fold, 12);
        Vector128<uint> second = Sse2.ShiftRightLogical(low32, 1) ^ Sse2.ShiftRightLogical(low32, 2) ^ Sse2.ShiftRightLogical(low32, 7) ^ foldHigh;
        low32 ^= second;
        return (high32 ^ low32).AsUInt64();
    }
}
