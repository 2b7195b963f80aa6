namespace Intercom.Station.Calls;

/// <summary>
/// How the door station sends DTMF to the peer (configuration <c>media.dtmfMode</c>). Receiving always accepts
/// RFC 4733 and SIP INFO, whatever the mode; in-band detection runs in <see cref="Auto"/> and <see cref="InBand"/>.
/// </summary>
public enum DtmfMode
{
    /// <summary>RFC 4733 telephone-events when the peer negotiated them, else SIP INFO.</summary>
    Auto = 0,

    /// <summary>RFC 4733 telephone-events only (a peer without telephone-event gets nothing).</summary>
    Rfc4733,

    /// <summary>SIP INFO with <c>application/dtmf-relay</c> only (some PBXs want this for door stations).</summary>
    Info,

    /// <summary>Dual tones (ITU-T Q.23) in the audio only, for peers that understand nothing else.</summary>
    InBand,
}
