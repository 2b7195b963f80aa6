namespace Intercom.Station.Codes;

/// <summary>
/// The digits of one code entry. <c>#</c> ends it (so does the inter-digit timeout, driven by the station);
/// <c>*</c> and A–D are digits of the code. Digits past the 16th are counted but not kept: the entry is then wrong.
/// </summary>
public sealed class DoorCodeEntry
{
    private readonly char[] _digits = new char[DoorCodeBook.MaximumDigits];
    private int _count;

    /// <summary>Digits entered so far (including any past the 16th).</summary>
    public int Count => _count;

    /// <summary>True when nothing was entered.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>Adds a digit; true when the entry is complete (<c>#</c>).</summary>
    public bool Append(char digit)
    {
        if (digit == '#')
        {
            return true;
        }

        if (_count < _digits.Length)
        {
            _digits[_count] = digit;
        }

        _count++;
        return false;
    }

    /// <summary>The entry for matching; empty when it has more than 16 digits (it cannot match).</summary>
    public ReadOnlySpan<char> Digits => _count <= _digits.Length ? _digits.AsSpan(0, _count) : [];

    /// <summary>Forgets the digits (after a match attempt, at the end of a call).</summary>
    public void Clear()
    {
        Array.Clear(_digits);
        _count = 0;
    }
}
