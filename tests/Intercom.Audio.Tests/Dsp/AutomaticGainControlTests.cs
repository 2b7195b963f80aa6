using Intercom.Audio.Dsp;

namespace Intercom.Audio.Tests.Dsp;

public sealed class AutomaticGainControlTests
{
    private const int RateHz = 16000;
    private static readonly TimeSpan s_frame = TimeSpan.FromMilliseconds(10);

    [Fact]
    public void Process_SoftTalker_IsRaisedTowardsTheTargetAtTheSlewRate()
    {
        var control = AutomaticGainControl.ForDoorStation(s_frame, targetLevelDbfs: -20);
        var output = Run(control, levelDbfs: -35, seconds: 4);

        // RMS of a sine is 3 dB below its peak level: −35 dBFS peak is −38 dBFS RMS, 18 dB short of the
        // target; the control may add 18 dB at most, at 6 dB/s, so it is there after 3 s.
        Assert.InRange(control.GainDb, 17.5, 18.0);
        var lastSecond = output.AsSpan(3 * RateHz);
        Assert.InRange(Signal.ToneLevelDbfs(lastSecond, RateHz, 300), -35 + 17.5, -35 + 18.1);
    }

    [Fact]
    public void Process_LoudTalker_IsLoweredQuickly()
    {
        var control = AutomaticGainControl.ForDoorStation(s_frame, targetLevelDbfs: -20);
        _ = Run(control, levelDbfs: -6, seconds: 0.5);
        Assert.InRange(control.GainDb, -6.0, -5.9);
    }

    [Fact]
    public void Process_NoiseBelowTheGate_LeavesTheGainAlone()
    {
        var control = AutomaticGainControl.ForDoorStation(s_frame, targetLevelDbfs: -20);
        var output = Run(control, levelDbfs: -60, seconds: 3);
        Assert.Equal(0, control.GainDb);
        Assert.InRange(Signal.ToneLevelDbfs(output, RateHz, 300), -60.2, -59.8);
    }

    [Fact]
    public void Process_Disabled_PassesUnchanged()
    {
        var control = AutomaticGainControl.ForDoorStation(s_frame);
        control.Enabled = false;
        var input = Signal.Sine(RateHz, 300, -35, RateHz);
        var output = (short[])input.Clone();
        for (var offset = 0; offset < output.Length; offset += 160)
        {
            control.Process(output.AsSpan(offset, 160));
        }

        Assert.Equal(input, output);
    }

    private static short[] Run(AutomaticGainControl control, double levelDbfs, double seconds)
    {
        var samples = Signal.Sine(RateHz, 300, levelDbfs, (int)(seconds * RateHz));
        for (var offset = 0; offset < samples.Length; offset += 160)
        {
            control.Process(samples.AsSpan(offset, 160));
        }

        return samples;
    }
}
