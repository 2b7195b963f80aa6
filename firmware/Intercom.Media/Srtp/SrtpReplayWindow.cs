namespace Intercom.Media.Srtp;

/// <summary>
/// Sliding replay window over 48-bit SRTP (or 31-bit SRTCP) packet indices, 128 packets wide
/// (RFC 3711 §3.3.2 asks for at least 64). A packet is only committed after it authenticated.
/// </summary>
internal struct SrtpReplayWindow
{
    /// <summary>Width of the window in packets.</summary>
    public const int WindowSize = 128;

    private UInt128 received;

    /// <summary>Highest index accepted so far.</summary>
    public ulong HighestIndex { get; private set; }

    /// <summary>False until the first packet is committed.</summary>
    public bool HasPackets { get; private set; }

    /// <summary>Checks an index without changing the window.</summary>
    public readonly SrtpStatus Check(ulong index)
    {
        if (!HasPackets || index > HighestIndex)
        {
            return SrtpStatus.Ok;
        }

        ulong behind = HighestIndex - index;
        if (behind >= WindowSize)
        {
            return SrtpStatus.TooOld;
        }

        return ((received >> (int)behind) & UInt128.One) != UInt128.Zero ? SrtpStatus.Replayed : SrtpStatus.Ok;
    }

    /// <summary>Records an authenticated index.</summary>
    public void Commit(ulong index)
    {
        if (!HasPackets)
        {
            HasPackets = true;
            HighestIndex = index;
            received = UInt128.One;
            return;
        }

        if (index > HighestIndex)
        {
            ulong ahead = index - HighestIndex;
            received = ahead >= WindowSize ? UInt128.One : (received << (int)ahead) | UInt128.One;
            HighestIndex = index;
            return;
        }

        received |= UInt128.One << (int)(HighestIndex - index);
    }
}
