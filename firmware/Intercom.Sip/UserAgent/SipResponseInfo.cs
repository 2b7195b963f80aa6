namespace Intercom.Sip.UserAgent;

/// <summary>The final answer to a request we sent: status, reason and body (408/503 stand for timeout/transport errors).</summary>
public sealed record SipResponseInfo(int StatusCode, string ReasonPhrase, SipBody? Body)
{
    /// <summary>The text of the response's Warning header (RFC 3261 §20.43), e.g. why an offer was refused; null when absent.</summary>
    public string? Warning { get; init; }

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
