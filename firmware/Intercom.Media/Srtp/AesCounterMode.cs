using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using ArmAes = System.Runtime.Intrinsics.Arm.Aes;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Intercom.Media.Srtp;

/// <summary>
/// AES-128 in counter mode as SRTP uses it (RFC 3711 §4.1.1): a 128-bit IV whose low 16 bits count the blocks of one
/// packet. Uses AES-NI on x86 and the ARMv8 Crypto Extension on Arm; elsewhere (a Raspberry Pi 4 has no AES
/// instructions) it falls back to one reused <see cref="Aes"/> object and one ECB call per packet over prepared
/// counter blocks. No path allocates after construction.
/// </summary>
internal sealed class AesCounterMode : IDisposable
{
    /// <summary>Largest input of one call: the 16-bit block counter of RFC 3711 §4.1.1 allows 2^16 blocks; an RTP
    /// packet never comes near, and the fallback scratch buffer is sized for a jumbo UDP datagram.</summary>
    public const int MaximumLength = 9216;

    private readonly Vector128<byte>[] roundKeys = new Vector128<byte>[Aes128KeySchedule.RoundKeyCount];
    private readonly Implementation implementation;
    private readonly Aes? portableAes;
    private readonly byte[]? counterBlocks;
    private readonly byte[]? keystream;

    /// <summary>Creates a cipher for <paramref name="key"/>; <paramref name="allowIntrinsics"/> false forces the
    /// portable path (tests run it on machines that have AES instructions).</summary>
    public AesCounterMode(ReadOnlySpan<byte> key, bool allowIntrinsics = true)
    {
        Span<byte> expanded = stackalloc byte[Aes128KeySchedule.RoundKeyCount * 16];
        Aes128KeySchedule.Expand(key, expanded);
        for (int i = 0; i < roundKeys.Length; i++)
        {
            roundKeys[i] = Vector128.Create<byte>(expanded.Slice(i * 16, 16));
        }

        CryptographicOperations.ZeroMemory(expanded);
        if (allowIntrinsics && X86Aes.IsSupported)
        {
            implementation = Implementation.X86;
        }
        else if (allowIntrinsics && ArmAes.IsSupported)
        {
            implementation = Implementation.Arm;
        }
        else
        {
            implementation = Implementation.Portable;
            portableAes = Aes.Create();
            portableAes.Key = key.ToArray();
            counterBlocks = new byte[MaximumLength + 16];
            keystream = new byte[MaximumLength + 16];
        }
    }

    private enum Implementation
    {
        X86,
        Arm,
        Portable,
    }

    /// <summary>Which instruction set the cipher runs on, for the media pipeline log line.</summary>
    public string ImplementationName => implementation switch
    {
        Implementation.X86 => "AES-NI",
        Implementation.Arm => "ARMv8 AES",
        _ => "portable",
    };

    /// <summary>Encrypts one 16-byte block (used for key derivation and by tests).</summary>
    public void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (implementation == Implementation.Portable)
        {
            portableAes!.EncryptEcb(input[..16], output[..16], PaddingMode.None);
            return;
        }

        Vector128<byte> state = Vector128.Create<byte>(input);
        state = implementation == Implementation.X86 ? EncryptX86(state) : EncryptArm(state);
        state.CopyTo(output);
    }

    /// <summary>XORs the keystream that starts at counter block <paramref name="initialCounter"/> into
    /// <paramref name="data"/> in place; the low 16 bits of the counter are the block index (RFC 3711 §4.1.1).</summary>
    public void Transform(ReadOnlySpan<byte> initialCounter, Span<byte> data)
    {
        if (data.Length > MaximumLength)
        {
            throw new ArgumentOutOfRangeException(nameof(data), "Counter-mode input is longer than one datagram.");
        }

        Vector128<byte> counter = Vector128.Create<byte>(initialCounter);
        switch (implementation)
        {
            case Implementation.X86:
                TransformX86(counter, data);
                break;
            case Implementation.Arm:
                TransformArm(counter, data);
                break;
            default:
                TransformPortable(counter, data);
                break;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Array.Clear(roundKeys);
        portableAes?.Dispose();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> CounterBlock(Vector128<byte> counter, int blockIndex)
    {
        // The block index occupies the last two bytes, big-endian; the IV has zeros there.
        ushort bigEndian = BinaryPrimitives.ReverseEndianness((ushort)blockIndex);
        return counter ^ Vector128.Create((ushort)0, 0, 0, 0, 0, 0, 0, bigEndian).AsByte();
    }

    private Vector128<byte> EncryptX86(Vector128<byte> state)
    {
        Vector128<byte>[] keys = roundKeys;
        state ^= keys[0];
        for (int round = 1; round < 10; round++)
        {
            state = X86Aes.Encrypt(state, keys[round]);
        }

        return X86Aes.EncryptLast(state, keys[10]);
    }

    private Vector128<byte> EncryptArm(Vector128<byte> state)
    {
        Vector128<byte>[] keys = roundKeys;
        for (int round = 0; round < 9; round++)
        {
            state = ArmAes.MixColumns(ArmAes.Encrypt(state, keys[round]));
        }

        return ArmAes.Encrypt(state, keys[9]) ^ keys[10];
    }

    private void TransformX86(Vector128<byte> counter, Span<byte> data)
    {
        Vector128<byte>[] keys = roundKeys;
        ref byte start = ref MemoryMarshal.GetReference(data);
        int length = data.Length;
        int offset = 0;
        int block = 0;

        // Four blocks in flight hide the AESENC latency.
        while (length - offset >= 64)
        {
            Vector128<byte> k = keys[0];
            Vector128<byte> s0 = CounterBlock(counter, block) ^ k;
            Vector128<byte> s1 = CounterBlock(counter, block + 1) ^ k;
            Vector128<byte> s2 = CounterBlock(counter, block + 2) ^ k;
            Vector128<byte> s3 = CounterBlock(counter, block + 3) ^ k;
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

        while (offset < length)
        {
            Vector128<byte> keystreamBlock = EncryptX86(CounterBlock(counter, block));
            offset = XorBlock(keystreamBlock, data, offset);
            block++;
        }
    }

    private void TransformArm(Vector128<byte> counter, Span<byte> data)
    {
        int offset = 0;
        int block = 0;
        while (offset < data.Length)
        {
            Vector128<byte> keystreamBlock = EncryptArm(CounterBlock(counter, block));
            offset = XorBlock(keystreamBlock, data, offset);
            block++;
        }
    }

    private void TransformPortable(Vector128<byte> counter, Span<byte> data)
    {
        int blocks = (data.Length + 15) / 16;
        Span<byte> counters = counterBlocks.AsSpan(0, blocks * 16);
        for (int block = 0; block < blocks; block++)
        {
            CounterBlock(counter, block).CopyTo(counters.Slice(block * 16, 16));
        }

        Span<byte> stream = keystream.AsSpan(0, blocks * 16);
        portableAes!.EncryptEcb(counters, stream, PaddingMode.None);
        int offset = 0;
        while (offset < data.Length)
        {
            offset = XorBlock(Vector128.Create<byte>(stream.Slice(offset, 16)), data, offset);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int XorBlock(Vector128<byte> keystreamBlock, Span<byte> data, int offset)
    {
        int remaining = data.Length - offset;
        if (remaining >= 16)
        {
            ref byte at = ref Unsafe.Add(ref MemoryMarshal.GetReference(data), offset);
            (keystreamBlock ^ Vector128.LoadUnsafe(ref at)).StoreUnsafe(ref at);
            return offset + 16;
        }

        Span<byte> tail = stackalloc byte[16];
        keystreamBlock.CopyTo(tail);
        for (int i = 0; i < remaining; i++)
        {
            data[offset + i] ^= tail[i];
        }

        return data.Length;
    }
}
