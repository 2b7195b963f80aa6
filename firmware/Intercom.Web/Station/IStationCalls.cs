using Intercom.Station.Journal;

namespace Intercom.Web.Station;

/// <summary>
/// The door station's calls as the web page needs them: the persistent call and event log, the test call, and
/// where SIP and RTP listen. The device host implements it over the running <c>DoorStationRuntime</c>.
/// </summary>
public interface IStationCalls
{
    /// <summary>Calls matching <paramref name="query"/>, newest first; null while the station does not run.</summary>
    LogPage<CallRecord>? QueryCalls(CallLogQuery query);

    /// <summary>Station events (presses, door codes without digits, registrations, refused calls), newest first; null while the station does not run.</summary>
    LogPage<Intercom.Station.Journal.StationEvent>? QueryEvents(EventLogQuery query);

    /// <summary>Starts a test call: a button's call plan, or one target.</summary>
    Task<ActionOutcome> StartTestCallAsync(TestCallRequest request, CancellationToken cancellationToken);

    /// <summary>Where SIP and RTP listen now.</summary>
    StationPorts GetPorts();
}
