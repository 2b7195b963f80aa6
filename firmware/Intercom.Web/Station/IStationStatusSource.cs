namespace Intercom.Web.Station;

/// <summary>
/// What the dashboard and <c>GET /api/v1/status</c> show. The device host implements it over whatever runs (today
/// the hardware and audio engine; with the door station also SIP registrations and the current call).
/// </summary>
public interface IStationStatusSource
{
    /// <summary>A consistent snapshot of everything the dashboard shows; any thread, cheap.</summary>
    StationStatus GetStatus();

    /// <summary>Raised when something shown changed (an input, a relay, a registration, a call); coalesced by the reader.</summary>
    event EventHandler? Changed;
}
