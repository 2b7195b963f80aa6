namespace Intercom.Sip.Messages;

/// <summary>Result of <see cref="SipMessageParser.Parse"/>: never an exception for wire input.</summary>
public readonly struct SipParseResult
{
    private SipParseResult(SipParseStatus status, SipMessage? message, string? reason, int bytesConsumed)
    {
        Status = status;
        Message = message;
        Reason = reason;
        BytesConsumed = bytesConsumed;
    }

    /// <summary>What happened.</summary>
    public SipParseStatus Status { get; }

    /// <summary>The message when <see cref="Status"/> is <see cref="SipParseStatus.Complete"/>.</summary>
    public SipMessage? Message { get; }

    /// <summary>Why the input was rejected when <see cref="Status"/> is <see cref="SipParseStatus.Invalid"/>.</summary>
    public string? Reason { get; }

    /// <summary>Bytes of input used (message plus leading CRLFs), so stream framing can advance.</summary>
    public int BytesConsumed { get; }

    internal static SipParseResult Complete(SipMessage message, int consumed) => new(SipParseStatus.Complete, message, null, consumed);

    internal static SipParseResult Incomplete() => new(SipParseStatus.Incomplete, null, null, 0);

    internal static SipParseResult Invalid(string reason) => new(SipParseStatus.Invalid, null, reason, 0);

    internal static SipParseResult KeepAlive(int consumed) => new(SipParseStatus.KeepAlive, null, null, consumed);
}
