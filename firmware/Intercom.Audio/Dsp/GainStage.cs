namespace Intercom.Audio.Dsp;

/// <summary>
/// A gain any thread may set (microphone gain, speaker volume) and the audio thread applies, gliding from the
/// old to the new factor across one frame so a change never clicks. Saturates at full scale.
/// </summary>
public sealed class GainStage
{
    private int _targetBits;
    private float _current;

    /// <summary>Creates the stage at <paramref name="gainDb"/>.</summary>
    public GainStage(double gainDb)
    {
        GainDb = gainDb;
        _current = Target;
    }

    /// <summary>The gain in dB; set from any thread, takes effect on the next frame.</summary>
    public double GainDb
    {
        get => Decibels.FromLinear(Target);
        set => Volatile.Write(ref _targetBits, BitConverter.SingleToInt32Bits(Decibels.ToLinear(value)));
    }

    private float Target => BitConverter.Int32BitsToSingle(Volatile.Read(ref _targetBits));

    /// <summary>Applies the gain in place.</summary>
    public void Apply(Span<short> frame)
    {
        var target = Target;
        var start = _current;
        _current = target;
        if (start == 1f && target == 1f)
        {
            return;
        }

        var step = frame.Length == 0 ? 0f : (target - start) / frame.Length;
        var gain = start;
        for (var i = 0; i < frame.Length; i++)
        {
            gain += step;
            frame[i] = Saturate(frame[i] * gain);
        }
    }

    internal static short Saturate(float value) =>
        value >= short.MaxValue ? short.MaxValue : value <= short.MinValue ? short.MinValue : (short)MathF.Round(value);
}
