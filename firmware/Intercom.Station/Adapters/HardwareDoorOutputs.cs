using Intercom.Hardware;
using Intercom.Station.Controller;

namespace Intercom.Station.Adapters;

/// <summary>The station's relays over <see cref="DoorHardware"/>.</summary>
public sealed class HardwareDoorOutputs(DoorHardware hardware) : IDoorOutputs
{
    /// <inheritdoc />
    public bool PulseRelay(string relay)
    {
        var found = hardware.FindRelay(relay);
        if (found is null)
        {
            return false;
        }

        found.Pulse();
        return true;
    }
}
