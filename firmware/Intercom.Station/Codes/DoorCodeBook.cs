using System.Security.Cryptography;
using System.Text;
using Intercom.Station.Configuration;

namespace Intercom.Station.Codes;

/// <summary>
/// The configured door codes. Matching takes the same time whatever the entry and whichever code (if any) it
/// equals: every code is compared, padded to the longest length, with <see cref="CryptographicOperations.FixedTimeEquals"/>.
/// </summary>
public sealed class DoorCodeBook
{
    /// <summary>The longest code (and entry) in digits.</summary>
    public const int MaximumDigits = 16;

    // One slot: the length byte followed by 16 digit bytes, zero-padded, so "12" never equals "123".
    private const int SlotBytes = MaximumDigits + 1;
    private readonly byte[][] _codes;
    private readonly string[] _relays;

    /// <summary>Builds the book from <c>station.doorCodes</c> (validated).</summary>
    public DoorCodeBook(IReadOnlyList<DoorCodeOptions> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        _codes = new byte[codes.Count][];
        _relays = new string[codes.Count];
        for (var i = 0; i < codes.Count; i++)
        {
            _codes[i] = ToSlot(codes[i].Code);
            _relays[i] = codes[i].Relay;
        }
    }

    /// <summary>True when at least one code is configured.</summary>
    public bool HasCodes => _codes.Length > 0;

    /// <summary>The relay <paramref name="entry"/> opens, or null when it matches no code.</summary>
    public string? Match(ReadOnlySpan<char> entry)
    {
        Span<byte> candidate = stackalloc byte[SlotBytes];
        candidate.Clear();
        if (entry.Length is > 0 and <= MaximumDigits)
        {
            candidate[0] = (byte)entry.Length;
            for (var i = 0; i < entry.Length; i++)
            {
                candidate[1 + i] = (byte)entry[i];
            }
        }

        string? relay = null;
        for (var i = 0; i < _codes.Length; i++)
        {
            // No early exit: every code is compared whatever matched before.
            var equal = CryptographicOperations.FixedTimeEquals(candidate, _codes[i]);
            relay = equal && relay is null ? _relays[i] : relay;
        }

        // An empty or over-long entry has length byte 0, which no configured code has.
        return relay;
    }

    private static byte[] ToSlot(string code)
    {
        var slot = new byte[SlotBytes];
        var bytes = Encoding.ASCII.GetBytes(code);
        slot[0] = (byte)Math.Min(bytes.Length, MaximumDigits);
        bytes.AsSpan(0, Math.Min(bytes.Length, MaximumDigits)).CopyTo(slot.AsSpan(1));
        return slot;
    }
}
