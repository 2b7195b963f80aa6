namespace Intercom.Media.Sdp;

/// <summary>Outcome of an offer/answer step: the media to run, an answer to send, or a reason for failure.</summary>
public sealed record NegotiationResult
{
    /// <summary>The negotiated media on success.</summary>
    public NegotiatedMedia? Media { get; init; }

    /// <summary>The SDP answer to send (when we answered an offer), also set on failure as a rejecting answer.</summary>
    public string? AnswerSdp { get; init; }

    /// <summary>Why negotiation failed, for the log, the status page and a SIP 488 reason; empty on success.</summary>
    public string Error { get; init; } = "";

    /// <summary>True when <see cref="Media"/> is set.</summary>
    public bool Success => Media is not null;

    internal static NegotiationResult Fail(string error) => new() { Error = error };
}
