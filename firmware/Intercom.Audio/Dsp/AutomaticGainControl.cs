namespace Intercom.Audio.Dsp;

/// <summary>
/// Brings a visitor who speaks softly or from afar to a steady level on the network side. It follows the speech
/// level per frame (fast up, slow down), moves its gain towards target − level at a bounded slew rate, and holds
/// the gain while the frame is below the noise gate, so pauses and street noise are never pumped up.
/// </summary>
/// <remarks>Runs after the echo canceller, so residual echo is below the gate and does not steer it.</remarks>
public sealed class AutomaticGainControl
{
    private const double LevelAttackPerFrame = 0.3;
    private const double LevelReleasePerFrame = 0.02;
    private const double RaisePerSecondDb = 6;
    private const double LowerPerSecondDb = 40;

    private readonly double _targetLevelDbfs;
    private readonly double _maximumGainDb;
    private readonly double _minimumGainDb;
    private readonly double _noiseGateDbfs;
    private readonly double _raisePerFrameDb;
    private readonly double _lowerPerFrameDb;
    private double _levelDbfs;
    private double _gainDb;
    private float _linearGain = 1f;

    /// <summary>Creates the control.</summary>
    /// <param name="frameDuration">Frame length (10 ms).</param>
    /// <param name="targetLevelDbfs">Speech RMS level to reach.</param>
    /// <param name="maximumGainDb">Most gain added for quiet talkers.</param>
    /// <param name="minimumGainDb">Most gain taken from loud talkers (the limiter catches peaks).</param>
    /// <param name="noiseGateDbfs">Frames quieter than this leave the gain alone.</param>
    public AutomaticGainControl(
        TimeSpan frameDuration, double targetLevelDbfs, double maximumGainDb, double minimumGainDb, double noiseGateDbfs)
    {
        _targetLevelDbfs = targetLevelDbfs;
        _maximumGainDb = maximumGainDb;
        _minimumGainDb = minimumGainDb;
        _noiseGateDbfs = noiseGateDbfs;
        _raisePerFrameDb = RaisePerSecondDb * frameDuration.TotalSeconds;
        _lowerPerFrameDb = LowerPerSecondDb * frameDuration.TotalSeconds;
        _levelDbfs = targetLevelDbfs;
    }

    /// <summary>The default for a door station: −20 dBFS target, up to +18 dB, down to −6 dB, gate at −50 dBFS.</summary>
    public static AutomaticGainControl ForDoorStation(TimeSpan frameDuration, double targetLevelDbfs = -20) =>
        new(frameDuration, targetLevelDbfs, maximumGainDb: 18, minimumGainDb: -6, noiseGateDbfs: -50);

    /// <summary>The gain in dB applied to the last frame.</summary>
    public double GainDb => _gainDb;

    /// <summary>When false the frame passes unchanged and the state holds.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Measures the frame and applies the gain in place.</summary>
    public void Process(Span<short> frame)
    {
        if (!Enabled)
        {
            return;
        }

        var frameLevelDbfs = Decibels.RmsLevelDbfs(frame);
        if (frameLevelDbfs > _noiseGateDbfs)
        {
            var rate = frameLevelDbfs > _levelDbfs ? LevelAttackPerFrame : LevelReleasePerFrame;
            _levelDbfs += rate * (frameLevelDbfs - _levelDbfs);
            var wanted = Math.Clamp(_targetLevelDbfs - _levelDbfs, _minimumGainDb, _maximumGainDb);
            _gainDb += Math.Clamp(wanted - _gainDb, -_lowerPerFrameDb, _raisePerFrameDb);
        }

        var start = _linearGain;
        var target = Decibels.ToLinear(_gainDb);
        _linearGain = target;
        var step = frame.Length == 0 ? 0f : (target - start) / frame.Length;
        var gain = start;
        for (var i = 0; i < frame.Length; i++)
        {
            gain += step;
            frame[i] = GainStage.Saturate(frame[i] * gain);
        }
    }
}
