namespace Intercom.Media.Dtmf;

/// <summary>How a DTMF digit reached us.</summary>
public enum DtmfSource
{
    /// <summary>RTP telephone-event (RFC 4733).</summary>
    Rfc4733,

    /// <summary>SIP INFO with application/dtmf-relay or application/dtmf.</summary>
    SipInfo,

    /// <summary>Tones in the audio, found by the Goertzel detector.</summary>
    InBand,
}
