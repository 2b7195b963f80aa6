using Intercom.Media.Dtmf;

namespace Intercom.Media.Session;

/// <summary>A DTMF digit received during a call.</summary>
public sealed class DtmfDigitEventArgs(char digit, DtmfSource source) : EventArgs
{
    /// <summary>The digit: 0-9, *, #, A-D.</summary>
    public char Digit { get; } = digit;

    /// <summary>How it arrived.</summary>
    public DtmfSource Source { get; } = source;
}
