namespace Intercom.Sip.Messages;

/// <summary>Outcome of parsing bytes as a SIP message.</summary>
public enum SipParseStatus
{
    /// <summary>A whole message was parsed.</summary>
    Complete,

    /// <summary>More bytes are needed (stream transports only).</summary>
    Incomplete,

    /// <summary>The bytes are not a SIP message; <see cref="SipParseResult.Reason"/> says why.</summary>
    Invalid,

    /// <summary>Only CRLF keep-alive bytes were found (RFC 5626 §3.5.1).</summary>
    KeepAlive,
}
