using Intercom.Audio.Dsp;
using Intercom.Audio.Engine;
using Intercom.Hardware;
using Intercom.Station.Controller;

namespace Intercom.Station.Adapters;

/// <summary>Tones through the audio engine, patterns on the configured call and status LEDs.</summary>
public sealed class EngineVisitorFeedback : IVisitorFeedback
{
    /// <summary>Calling: one blink a second.</summary>
    public static readonly TimeSpan CallingBlinkPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Door open: fast blink.</summary>
    public static readonly TimeSpan DoorOpenBlinkPeriod = TimeSpan.FromMilliseconds(200);

    /// <summary>Fault: a quick, restless blink the installer notices.</summary>
    public static readonly TimeSpan FaultBlinkPeriod = TimeSpan.FromMilliseconds(400);

    private readonly Func<AudioEngine?> _engine;
    private readonly DoorHardware _hardware;
    private readonly string? _callLed;
    private readonly string? _statusLed;

    /// <summary>Creates the feedback; while <paramref name="engine"/> returns null no tones play (no audio).</summary>
    public EngineVisitorFeedback(Func<AudioEngine?> engine, DoorHardware hardware, string? callLed, string? statusLed)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(hardware);
        _engine = engine;
        _hardware = hardware;
        _callLed = callLed;
        _statusLed = statusLed;
    }

    /// <inheritdoc />
    public void PlayTone(AudioTone tone) => _engine()?.PlayTone(tone);

    /// <inheritdoc />
    public void StopTone() => _engine()?.StopTone();

    /// <inheritdoc />
    public void ShowIndication(StationIndication indication)
    {
        if (_callLed is null || _hardware.FindLed(_callLed) is not { } led)
        {
            return;
        }

        switch (indication)
        {
            case StationIndication.Calling:
                led.Blink(CallingBlinkPeriod);
                break;
            case StationIndication.Talking:
                led.Set(true);
                break;
            case StationIndication.DoorOpen:
                led.Blink(DoorOpenBlinkPeriod);
                break;
            default:
                led.Set(false);
                break;
        }
    }

    /// <inheritdoc />
    public void ShowFault(bool fault)
    {
        if (_statusLed is null || _hardware.FindLed(_statusLed) is not { } led)
        {
            return;
        }

        if (fault)
        {
            led.Blink(FaultBlinkPeriod);
        }
        else
        {
            led.Set(true);
        }
    }
}
