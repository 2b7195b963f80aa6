using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Intercom.Media.Srtp;

/// <summary>
/// HMAC-SHA1 (RFC 2104, FIPS 180-4 §6.1) with the keyed inner and outer states computed once per session, so one
/// packet costs only its own blocks plus one outer block, with no native call per packet and no allocation
/// (the SRTP benchmark compares it with libsrtp2).
/// </summary>
internal sealed class HmacSha1 : IDisposable
{
    /// <summary>Length of a SHA-1 digest.</summary>
    public const int DigestLength = 20;

    private const int BlockLength = 64;

    private readonly uint[] innerState = new uint[5];
    private readonly uint[] outerState = new uint[5];
    private readonly uint[] state = new uint[5];
    private readonly byte[] pending = new byte[BlockLength];
    private int pendingLength;
    private long totalLength;

    /// <summary>Creates the MAC for a key of at most 64 bytes (SRTP uses 20).</summary>
    public HmacSha1(ReadOnlySpan<byte> key)
    {
        if (key.Length > BlockLength)
        {
            throw new ArgumentException("HMAC keys longer than one block are not used by SRTP.", nameof(key));
        }

        // RFC 2104 §2: H(K XOR opad, H(K XOR ipad, text)); the padded key blocks are hashed once here.
        Span<byte> pad = stackalloc byte[BlockLength];
        InitialState(innerState);
        pad.Fill(0x36);
        XorInto(pad, key);
        Compress(innerState, pad);
        InitialState(outerState);
        pad.Fill(0x5C);
        XorInto(pad, key);
        Compress(outerState, pad);
        CryptographicOperations.ZeroMemory(pad);
        Reset();
    }

    /// <summary>Feeds message bytes.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        totalLength += data.Length;
        if (pendingLength > 0)
        {
            int take = Math.Min(BlockLength - pendingLength, data.Length);
            data[..take].CopyTo(pending.AsSpan(pendingLength));
            pendingLength += take;
            data = data[take..];
            if (pendingLength < BlockLength)
            {
                return;
            }

            Compress(state, pending);
            pendingLength = 0;
        }

        while (data.Length >= BlockLength)
        {
            Compress(state, data[..BlockLength]);
            data = data[BlockLength..];
        }

        data.CopyTo(pending);
        pendingLength = data.Length;
    }

    /// <summary>Writes the 20-byte MAC of everything appended and resets for the next message.</summary>
    public void Finish(Span<byte> mac)
    {
        Span<byte> innerDigest = stackalloc byte[DigestLength];
        Pad(state, pending, pendingLength, BlockLength + totalLength);
        WriteDigest(state, innerDigest);

        outerState.CopyTo(state, 0);
        innerDigest.CopyTo(pending);
        Pad(state, pending, DigestLength, BlockLength + DigestLength);
        WriteDigest(state, mac);
        Reset();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Array.Clear(innerState);
        Array.Clear(outerState);
        Array.Clear(state);
        Array.Clear(pending);
    }

    private void Reset()
    {
        innerState.CopyTo(state, 0);
        pendingLength = 0;
        totalLength = 0;
    }

    private static void Pad(uint[] hashState, byte[] block, int used, long messageLength)
    {
        // FIPS 180-4 §5.1.1: append 1 bit, zeros, and the 64-bit message length in bits.
        block[used++] = 0x80;
        if (used > BlockLength - 8)
        {
            block.AsSpan(used).Clear();
            Compress(hashState, block);
            used = 0;
        }

        block.AsSpan(used, BlockLength - 8 - used).Clear();
        BinaryPrimitives.WriteInt64BigEndian(block.AsSpan(BlockLength - 8), messageLength * 8);
        Compress(hashState, block);
    }

    private static void WriteDigest(uint[] hashState, Span<byte> destination)
    {
        for (int i = 0; i < 5; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(i * 4)..], hashState[i]);
        }
    }

    private static void InitialState(uint[] hashState)
    {
        // FIPS 180-4 §5.3.1
        hashState[0] = 0x67452301;
        hashState[1] = 0xEFCDAB89;
        hashState[2] = 0x98BADCFE;
        hashState[3] = 0x10325476;
        hashState[4] = 0xC3D2E1F0;
    }

    private static void XorInto(Span<byte> pad, ReadOnlySpan<byte> key)
    {
        for (int i = 0; i < key.Length; i++)
        {
            pad[i] ^= key[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Compress(uint[] hashState, ReadOnlySpan<byte> block)
    {
        // FIPS 180-4 §6.1.2, with the message schedule kept in a 16-word ring; four loops of 20 rounds so that no
        // round branches on its function, and pointers so that no access is bounds-checked.
        uint* w = stackalloc uint[16];
        fixed (byte* input = block)
        {
            for (int t = 0; t < 16; t++)
            {
                w[t] = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(input + (t * 4)));
            }
        }

        uint a = hashState[0], b = hashState[1], c = hashState[2], d = hashState[3], e = hashState[4];
        for (int t = 0; t < 20; t++)
        {
            uint temp = BitOperations.RotateLeft(a, 5) + (d ^ (b & (c ^ d))) + e + 0x5A827999 + Schedule(w, t);
            e = d;
            d = c;
            c = BitOperations.RotateLeft(b, 30);
            b = a;
            a = temp;
        }

        for (int t = 20; t < 40; t++)
        {
            uint temp = BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + e + 0x6ED9EBA1 + Schedule(w, t);
            e = d;
            d = c;
            c = BitOperations.RotateLeft(b, 30);
            b = a;
            a = temp;
        }

        for (int t = 40; t < 60; t++)
        {
            uint temp = BitOperations.RotateLeft(a, 5) + ((b & c) | (d & (b | c))) + e + 0x8F1BBCDC + Schedule(w, t);
            e = d;
            d = c;
            c = BitOperations.RotateLeft(b, 30);
            b = a;
            a = temp;
        }

        for (int t = 60; t < 80; t++)
        {
            uint temp = BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + e + 0xCA62C1D6 + Schedule(w, t);
            e = d;
            d = c;
            c = BitOperations.RotateLeft(b, 30);
            b = a;
            a = temp;
        }

        hashState[0] += a;
        hashState[1] += b;
        hashState[2] += c;
        hashState[3] += d;
        hashState[4] += e;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe uint Schedule(uint* w, int t)
    {
        if (t < 16)
        {
            return w[t];
        }

        uint word = BitOperations.RotateLeft(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1);
        w[t & 15] = word;
        return word;
    }
}
