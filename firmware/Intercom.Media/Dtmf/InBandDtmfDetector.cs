namespace Intercom.Media.Dtmf;

/// <summary>
/// In-band DTMF detection with the Goertzel algorithm over 25.6 ms blocks (205 samples at 8 kHz, scaled to the
/// sample rate). A digit counts when one row and one column tone dominate the block's energy, their twist is
/// within 8 dB and the other tones of each group are 6 dB lower, in two consecutive blocks; it is reported once
/// and re-armed after two blocks without it. For phones that send DTMF only as tones in the audio. Allocates nothing.
/// </summary>
public sealed class InBandDtmfDetector
{
    private static readonly double[] RowFrequencies = [697, 770, 852, 941];
    private static readonly double[] ColumnFrequencies = [1209, 1336, 1477, 1633];
    private const string Keypad = "123A456B789C*0#D";

    private readonly double[] rowCoefficients = new double[4];
    private readonly double[] columnCoefficients = new double[4];
    private readonly double[] rowState1 = new double[4];
    private readonly double[] rowState2 = new double[4];
    private readonly double[] columnState1 = new double[4];
    private readonly double[] columnState2 = new double[4];
    private readonly int blockLength;
    private int position;
    private double blockEnergy;
    private char candidate;
    private int candidateBlocks;
    private char reported;
    private int silentBlocks;

    /// <summary>Creates a detector for mono PCM at <paramref name="sampleRateHz"/>.</summary>
    public InBandDtmfDetector(int sampleRateHz)
    {
        blockLength = (int)(sampleRateHz * 0.0256);
        for (int i = 0; i < 4; i++)
        {
            rowCoefficients[i] = 2 * Math.Cos(2 * Math.PI * RowFrequencies[i] / sampleRateHz);
            columnCoefficients[i] = 2 * Math.Cos(2 * Math.PI * ColumnFrequencies[i] / sampleRateHz);
        }
    }

    /// <summary>Feeds audio; writes newly detected digits to <paramref name="digits"/> and returns how many.</summary>
    public int Process(ReadOnlySpan<short> pcm, Span<char> digits)
    {
        int found = 0;
        foreach (short sample in pcm)
        {
            double x = sample;
            blockEnergy += x * x;
            for (int i = 0; i < 4; i++)
            {
                double row = x + (rowCoefficients[i] * rowState1[i]) - rowState2[i];
                rowState2[i] = rowState1[i];
                rowState1[i] = row;
                double column = x + (columnCoefficients[i] * columnState1[i]) - columnState2[i];
                columnState2[i] = columnState1[i];
                columnState1[i] = column;
            }

            if (++position == blockLength)
            {
                char digit = EvaluateBlock();
                if (Debounce(digit) is char confirmed && found < digits.Length)
                {
                    digits[found++] = confirmed;
                }
            }
        }

        return found;
    }

    private char EvaluateBlock()
    {
        int bestRow = 0, bestColumn = 0;
        double rowPower = 0, columnPower = 0, secondRow = 0, secondColumn = 0;
        for (int i = 0; i < 4; i++)
        {
            double power = Power(rowState1[i], rowState2[i], rowCoefficients[i]);
            if (power > rowPower)
            {
                secondRow = rowPower;
                rowPower = power;
                bestRow = i;
            }
            else
            {
                secondRow = Math.Max(secondRow, power);
            }

            power = Power(columnState1[i], columnState2[i], columnCoefficients[i]);
            if (power > columnPower)
            {
                secondColumn = columnPower;
                columnPower = power;
                bestColumn = i;
            }
            else
            {
                secondColumn = Math.Max(secondColumn, power);
            }
        }

        double energy = blockEnergy;
        Array.Clear(rowState1);
        Array.Clear(rowState2);
        Array.Clear(columnState1);
        Array.Clear(columnState2);
        blockEnergy = 0;
        position = 0;

        // A tone of amplitude A gives Goertzel power (A N / 2)^2 and block energy N A^2 / 2.
        double toneShare = 2 * (rowPower + columnPower) / (blockLength * Math.Max(energy, 1));
        double meanSquare = energy / blockLength;
        bool loudEnough = meanSquare > 200 * 200;
        bool dominant = toneShare > 0.6;
        bool twistOk = rowPower < columnPower * 6.3 && columnPower < rowPower * 6.3; // within 8 dB
        bool groupsClean = secondRow * 4 < rowPower && secondColumn * 4 < columnPower; // others 6 dB down
        return loudEnough && dominant && twistOk && groupsClean ? Keypad[(bestRow * 4) + bestColumn] : '\0';
    }

    private char? Debounce(char digit)
    {
        if (digit == '\0' || digit != candidate)
        {
            candidate = digit;
            candidateBlocks = digit == '\0' ? 0 : 1;
            if (digit == '\0' && ++silentBlocks >= 2)
            {
                reported = '\0';
            }

            return null;
        }

        silentBlocks = 0;
        if (++candidateBlocks >= 2 && reported != digit)
        {
            reported = digit;
            return digit;
        }

        return null;
    }

    private static double Power(double state1, double state2, double coefficient) =>
        (state1 * state1) + (state2 * state2) - (coefficient * state1 * state2);
}
