namespace Intercom.Station.Calls;

/// <summary>Life of a <see cref="MediaCall"/>.</summary>
public enum MediaCallState
{
    /// <summary>INVITE sent or received, nothing from the other side yet.</summary>
    Setup,

    /// <summary>The callee rings (180/183), possibly with early media.</summary>
    Ringing,

    /// <summary>Answered and negotiated: media flows.</summary>
    Connected,

    /// <summary>Over; <see cref="MediaCall.Ended"/> says why.</summary>
    Ended,
}
