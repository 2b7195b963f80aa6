using Intercom.Station.Journal;

namespace Intercom.Station.Controller;

/// <summary>Where calls and events are recorded (port): the SQLite call log, or a list in tests.</summary>
public interface IStationJournal
{
    /// <summary>Records a finished call.</summary>
    void RecordCall(CallRecord record);

    /// <summary>Records an event (press, door code attempt without digits, tamper, registration change).</summary>
    void RecordEvent(StationEvent stationEvent);
}
