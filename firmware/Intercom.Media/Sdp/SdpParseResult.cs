namespace Intercom.Media.Sdp;

/// <summary>Result of parsing SDP text: a description, or the reason it was refused.</summary>
public readonly record struct SdpParseResult
{
    /// <summary>The parsed description when <see cref="Success"/>.</summary>
    public SessionDescription? Description { get; init; }

    /// <summary>Why parsing failed, naming the line; empty on success.</summary>
    public string Error { get; init; }

    /// <summary>True when <see cref="Description"/> is set.</summary>
    public bool Success => Description is not null;

    /// <summary>A successful result.</summary>
    public static SdpParseResult Ok(SessionDescription description) => new() { Description = description, Error = "" };

    /// <summary>A failed result with a reason.</summary>
    public static SdpParseResult Fail(string error) => new() { Error = error };
}
