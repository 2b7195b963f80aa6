namespace Intercom.Audio.Engine;

/// <summary>A simulated microphone hearing a steady sine (a level check with no person at the door).</summary>
public sealed class ToneMicrophone : IMicrophoneSource
{
    private readonly double _phaseStep;
    private readonly double _amplitude;
    private double _phase;

    /// <summary>Creates the source.</summary>
    public ToneMicrophone(int sampleRateHz, double frequencyHz, double levelDbfs)
    {
        _phaseStep = 2 * Math.PI * frequencyHz / sampleRateHz;
        _amplitude = 32767 * Math.Pow(10, levelDbfs / 20);
    }

    /// <inheritdoc />
    public void Fill(Span<short> frame)
    {
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (short)Math.Round(_amplitude * Math.Sin(_phase));
            _phase += _phaseStep;
            if (_phase >= 2 * Math.PI)
            {
                _phase -= 2 * Math.PI;
            }
        }
    }
}
