namespace Intercom.Web.Station;

/// <summary>
/// What the web page and the API may make the station do. The device host implements it; the door station later
/// adds calls (a "test call" action) here.
/// </summary>
public interface IStationActions
{
    /// <summary>Presses an input virtually (simulated GPIO only), like a visitor pressing the button.</summary>
    Task<ActionOutcome> PressInputAsync(string name, CancellationToken cancellationToken);

    /// <summary>Pulses a relay for its configured time: opens the door.</summary>
    Task<ActionOutcome> PulseRelayAsync(string name, CancellationToken cancellationToken);

    /// <summary>Plays a short tone on the loudspeaker.</summary>
    Task<ActionOutcome> PlayTestToneAsync(CancellationToken cancellationToken);

    /// <summary>Plays a tone and measures what the microphone hears of it (speaker → microphone coupling, echo cancellation).</summary>
    Task<LoopbackTestResult> RunLoopbackTestAsync(CancellationToken cancellationToken);

    /// <summary>Stops the service after the current response; systemd starts it again.</summary>
    void RequestRestart();
}
