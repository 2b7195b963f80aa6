namespace Intercom.Sip.UserAgent;

/// <summary>The final answer to a request we sent: status, reason and body (408/503 stand for timeout/transport errors).</summary>
public sealed record SipResponseInfo(int StatusCode, string ReasonPhrase, SipBody? Body)
{
    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
