using Intercom.Media.Dtmf;

namespace Intercom.Station.Calls;

/// <summary>
/// In-band DTMF for peers that understand nothing else: ITU-T Q.23 dual tones written over the outgoing audio,
/// one digit after the other with a pause between them (Q.24 asks for at least 40 ms of each). Digits are
/// queued from any thread; <see cref="TryFill"/> runs on the media pump and allocates nothing.
/// </summary>
internal sealed class DtmfToneGenerator
{
    /// <summary>Pause after each digit.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(60);

    // ITU-T Q.23: the row (low group) and column (high group) frequencies of the 4x4 keypad.
    private static readonly double[] LowGroupHz = [697, 770, 852, 941];
    private static readonly double[] HighGroupHz = [1209, 1336, 1477, 1633];
    private const string Keypad = "123A456B789C*0#D";

    // Each tone at about -9 dBFS, so the pair stays clear of clipping.
    private const double Amplitude = 0.35 * short.MaxValue;

    private readonly int _sampleRateHz;
    private readonly int _pauseSamples;
    private readonly char[] _digits = new char[32];
    private readonly int[] _toneSamples = new int[32];
    private readonly Lock _producer = new();
    private long _writeIndex;
    private long _readIndex;
    private int _remainingTone;
    private int _remainingPause;
    private double _lowPhase;
    private double _highPhase;
    private double _lowStep;
    private double _highStep;

    public DtmfToneGenerator(int sampleRateHz)
    {
        _sampleRateHz = sampleRateHz;
        _pauseSamples = (int)(sampleRateHz * Pause.TotalSeconds);
    }

    /// <summary>True while a digit or its pause sounds, or digits wait.</summary>
    public bool IsActive => _remainingTone > 0 || _remainingPause > 0 || Volatile.Read(ref _readIndex) != Volatile.Read(ref _writeIndex);

    /// <summary>Queues a digit (any thread); false when the digit is not DTMF or 32 digits already wait.</summary>
    public bool Enqueue(char digit, TimeSpan duration)
    {
        char key = char.ToUpperInvariant(digit);
        if (!DtmfDigits.IsDigit(key))
        {
            return false;
        }

        lock (_producer)
        {
            long write = _writeIndex;
            if (write - Volatile.Read(ref _readIndex) >= _digits.Length)
            {
                return false;
            }

            int slot = (int)(write % _digits.Length);
            _digits[slot] = key;
            _toneSamples[slot] = (int)(_sampleRateHz * duration.TotalSeconds);
            Volatile.Write(ref _writeIndex, write + 1);
            return true;
        }
    }

    /// <summary>Pump thread: writes the next frame of tone or pause into <paramref name="frame"/>; false when idle.</summary>
    public bool TryFill(Span<short> frame)
    {
        if (_remainingTone == 0 && _remainingPause == 0 && !TryStartNext())
        {
            return false;
        }

        for (int i = 0; i < frame.Length; i++)
        {
            if (_remainingTone > 0)
            {
                frame[i] = (short)(Amplitude * (Math.Sin(_lowPhase) + Math.Sin(_highPhase)));
                _lowPhase += _lowStep;
                _highPhase += _highStep;
                _remainingTone--;
                if (_remainingTone == 0)
                {
                    _remainingPause = _pauseSamples;
                }
            }
            else if (_remainingPause > 0)
            {
                frame[i] = 0;
                _remainingPause--;
            }
            else if (TryStartNext())
            {
                i--;
            }
            else
            {
                frame[i] = 0;
            }
        }

        return true;
    }

    private bool TryStartNext()
    {
        long read = _readIndex;
        if (read == Volatile.Read(ref _writeIndex))
        {
            return false;
        }

        int slot = (int)(read % _digits.Length);
        int key = Keypad.IndexOf(_digits[slot], StringComparison.Ordinal);
        _remainingTone = Math.Max(1, _toneSamples[slot]);
        _lowStep = 2 * Math.PI * LowGroupHz[key / 4] / _sampleRateHz;
        _highStep = 2 * Math.PI * HighGroupHz[key % 4] / _sampleRateHz;
        _lowPhase = 0;
        _highPhase = 0;
        Volatile.Write(ref _readIndex, read + 1);
        return true;
    }
}
