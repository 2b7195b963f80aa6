using Intercom.Media.Dtmf;

namespace Intercom.Station.Calls;

/// <summary>A DTMF digit the peer sent, by whichever transport (see <see cref="Source"/>).</summary>
public sealed class CallDtmfEventArgs(char digit, DtmfSource source, DateTimeOffset receivedAt) : EventArgs
{
    /// <summary>The digit: 0-9, *, #, A-D.</summary>
    public char Digit { get; } = digit;

    /// <summary>How it arrived: RFC 4733, SIP INFO or in-band tones.</summary>
    public DtmfSource Source { get; } = source;

    /// <summary>When it arrived (the injected clock).</summary>
    public DateTimeOffset ReceivedAt { get; } = receivedAt;
}
