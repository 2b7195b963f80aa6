namespace Intercom.Station.Controller;

/// <summary>Why a call leg ended, as the station needs to know it.</summary>
public enum CallLegEndReason
{
    /// <summary>The far end hung up after answering.</summary>
    RemoteHangUp,

    /// <summary>We cancelled or hung up.</summary>
    LocalHangUp,

    /// <summary>Busy (486, 600) or declined (603).</summary>
    Busy,

    /// <summary>Not answered in time at the far end (408, 480, 487 without our CANCEL).</summary>
    NoAnswer,

    /// <summary>Any other failure: 4xx-6xx, transport error, no account registered.</summary>
    Failed,

    /// <summary>Media could not be negotiated (488, SRTP mandatory but not offered).</summary>
    MediaFailed,

    /// <summary>No RTP from the far end for the RTP timeout.</summary>
    RtpTimeout,
}
