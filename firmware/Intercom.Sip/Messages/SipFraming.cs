namespace Intercom.Sip.Messages;

/// <summary>How a message arrives, which decides how its body is delimited (RFC 3261 §18.3).</summary>
public enum SipFraming
{
    /// <summary>One datagram holds one message; the body is cut to Content-Length (UDP).</summary>
    Datagram,

    /// <summary>Messages follow each other in a byte stream; Content-Length frames the body (TCP, TLS).</summary>
    Stream,
}
