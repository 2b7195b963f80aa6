namespace Intercom.Media.Dtmf;

/// <summary>Mapping between DTMF characters and RFC 4733 §3.2 event codes (0-9, * = 10, # = 11, A-D = 12-15).</summary>
public static class DtmfDigits
{
    private const string Characters = "0123456789*#ABCD";

    /// <summary>The event code of a digit, or -1 when it is not a DTMF character.</summary>
    public static int ToEventCode(char digit)
    {
        int index = Characters.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal);
        return index;
    }

    /// <summary>The digit of an event code 0-15, or '\0' for other codes (tones, flash).</summary>
    public static char FromEventCode(int eventCode) => eventCode is >= 0 and < 16 ? Characters[eventCode] : '\0';

    /// <summary>True for 0-9, *, #, A-D.</summary>
    public static bool IsDigit(char digit) => ToEventCode(digit) >= 0;
}
