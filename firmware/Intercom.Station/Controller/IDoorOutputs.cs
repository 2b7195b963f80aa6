namespace Intercom.Station.Controller;

/// <summary>The relays (port).</summary>
public interface IDoorOutputs
{
    /// <summary>Pulses the relay named <paramref name="relay"/> for its configured pulse time; false when there is none.</summary>
    bool PulseRelay(string relay);
}
