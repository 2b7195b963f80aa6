namespace Intercom.Media.Jitter;

/// <summary>
/// Single-producer/single-consumer ring of received RTP payloads, preallocated: the network thread writes, the
/// audio thread reads. No locks; the indices are published with volatile reads and writes. The payload storage comes
/// from <see cref="PayloadStoragePool.Shared"/> and goes back on <see cref="Dispose"/>, which may only run once
/// both threads have stopped using the ring.
/// </summary>
internal sealed class ReceivedPacketRing : IDisposable
{
    private readonly int capacity;
    private readonly int maximumPayload;
    private byte[] payloads; // capacity slots of maximumPayload bytes each
    private readonly int[] lengths;
    private readonly ushort[] sequenceNumbers;
    private readonly uint[] timestamps;
    private readonly long[] arrivals;
    private int writeIndex;
    private int readIndex;

    public ReceivedPacketRing(int capacity, int maximumPayload)
    {
        this.capacity = capacity;
        this.maximumPayload = maximumPayload;
        payloads = PayloadStoragePool.Shared.Rent<byte>(capacity * maximumPayload);
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
        int next = (write + 1) % capacity;
        if (next == Volatile.Read(ref readIndex) || payload.Length > maximumPayload || payloads.Length == 0)
        {
            Overflows++;
            return false;
        }

        payload.CopyTo(payloads.AsSpan(write * maximumPayload));
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
        if (read == Volatile.Read(ref writeIndex) || payloads.Length == 0)
        {
            payload = default;
            sequenceNumber = 0;
            timestamp = 0;
            arrivalTimestamp = 0;
            return false;
        }

        payload = payloads.AsSpan(read * maximumPayload, lengths[read]);
        sequenceNumber = sequenceNumbers[read];
        timestamp = timestamps[read];
        arrivalTimestamp = arrivals[read];
        return true;
    }

    /// <summary>Consumer side: frees the slot returned by <see cref="TryPeek"/>.</summary>
    public void Release() => Volatile.Write(ref readIndex, (readIndex + 1) % capacity);

    /// <summary>Gives the payload storage back; afterwards the ring is empty and refuses writes.</summary>
    public void Dispose()
    {
        byte[] storage = payloads;
        payloads = [];
        PayloadStoragePool.Shared.Return(storage);
    }
}
