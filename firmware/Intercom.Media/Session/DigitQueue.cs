namespace Intercom.Media.Session;

/// <summary>Single-producer/single-consumer queue of DTMF digits from the audio thread to the network thread.</summary>
internal sealed class DigitQueue
{
    private readonly char[] digits = new char[32];
    private int writeIndex;
    private int readIndex;

    public bool TryWrite(char digit)
    {
        int next = (writeIndex + 1) % digits.Length;
        if (next == Volatile.Read(ref readIndex))
        {
            return false;
        }

        digits[writeIndex] = digit;
        Volatile.Write(ref writeIndex, next);
        return true;
    }

    public bool TryRead(out char digit)
    {
        if (readIndex == Volatile.Read(ref writeIndex))
        {
            digit = '\0';
            return false;
        }

        digit = digits[readIndex];
        Volatile.Write(ref readIndex, (readIndex + 1) % digits.Length);
        return true;
    }
}
