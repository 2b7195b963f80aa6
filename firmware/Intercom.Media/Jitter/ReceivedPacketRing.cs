namespace Intercom.Media.Jitter;

/// <summary>
/// Single-producer/single-consumer ring of received RTP payloads, preallocated: the network thread writes, the
/// audio thread reads. No locks; the indices are published with volatile reads and writes.
/// </summary>
internal sealed class ReceivedPacketRing
{
    private readonly byte[][] payloads;
    private readonly int[] lengths;
    private readonly ushort[] sequenceNumbers;
    private readonly uint[] timestamps;
    private readonly long[] arrivals;
    private int writeIndex;
    private int readIndex;

    public ReceivedPacketRing(int capacity, int maximumPayload)
    {
        payloads = new byte[capacity][];
        for (int i = 0; i < capacity; i++)
        {
            payloads[i] = new byte[maximumPayload];
        }

        lengths = new int[capacity];
        sequenceNumbers = new ushort[capacity];
        timestamps = new uint[capacity];
        arrivals = new long[capacity];
    }

    /// <summary>Packets dropped because the audio thread fell behind (the ring was full).</summary>
    public long Overflows { get; private set; }

    /// <summary>Producer side: copies one payload in; false when full or too long.</summary>
    public bool TryWrite(ReadOnlySpan<byte> payload, ushort sequenceNumber, uint timestamp, long arrivalTimestamp)
    {
        int write = writeIndex;
        int next = (write + 1) % payloads.Length;
        if (next == Volatile.Read(ref readIndex) || payload.Length > payloads[write].Length)
        {
            Overflows++;
            return false;
        }

        payload.CopyTo(payloads[write]);
        lengths[write] = payload.Length;
        sequenceNumbers[write] = sequenceNumber;
        timestamps[write] = timestamp;
        arrivals[write] = arrivalTimestamp;
        Volatile.Write(ref writeIndex, next);
        return true;
    }

    /// <summary>Consumer side: the oldest packet, or false when empty. Call <see cref="Release"/> after using it.</summary>
    public bool TryPeek(out ReadOnlySpan<byte> payload, out ushort sequenceNumber, out uint timestamp, out long arrivalTimestamp)
    {
        int read = readIndex;
        if (read == Volatile.Read(ref writeIndex))
        {
            payload = default;
            sequenceNumber = 0;
            timestamp = 0;
            arrivalTimestamp = 0;
            return false;
        }

        payload = payloads[read].AsSpan(0, lengths[read]);
        sequenceNumber = sequenceNumbers[read];
        timestamp = timestamps[read];
        arrivalTimestamp = arrivals[read];
        return true;
    }

    /// <summary>Consumer side: frees the slot returned by <see cref="TryPeek"/>.</summary>
    public void Release() => Volatile.Write(ref readIndex, (readIndex + 1) % payloads.Length);
}
