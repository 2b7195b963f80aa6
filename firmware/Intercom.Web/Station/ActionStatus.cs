namespace Intercom.Web.Station;

/// <summary>How an action went (mapped to an HTTP status by the web layer).</summary>
public enum ActionStatus
{
    /// <summary>Done (200).</summary>
    Done,

    /// <summary>Started, finishes later (202).</summary>
    Accepted,

    /// <summary>No input, relay or account of that name (404).</summary>
    NotFound,

    /// <summary>Not possible in the current state, e.g. a virtual press on real GPIO or a test during a call (409).</summary>
    Conflict,

    /// <summary>The part needed is not running (503).</summary>
    Unavailable,
}
