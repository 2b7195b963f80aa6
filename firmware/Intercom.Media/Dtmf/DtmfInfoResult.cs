namespace Intercom.Media.Dtmf;

/// <summary>Result of parsing a SIP INFO DTMF body: a digit (and duration, zero when not given) or a reason.</summary>
public readonly record struct DtmfInfoResult
{
    /// <summary>The digit, '\0' on failure.</summary>
    public char Digit { get; init; }

    /// <summary>The signalled duration, zero when the body has none.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Why parsing failed; empty on success.</summary>
    public string Error { get; init; }

    /// <summary>True when <see cref="Digit"/> is set.</summary>
    public bool Success => Digit != '\0';

    internal static DtmfInfoResult Ok(char digit, TimeSpan duration) => new() { Digit = digit, Duration = duration, Error = "" };

    internal static DtmfInfoResult Fail(string error) => new() { Error = error };
}
