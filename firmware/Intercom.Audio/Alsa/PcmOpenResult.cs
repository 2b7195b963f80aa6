namespace Intercom.Audio.Alsa;

/// <summary>The outcome of <see cref="AlsaPcm.Open"/>: the PCM, or the alsa-lib call that failed and its error.</summary>
public sealed class PcmOpenResult
{
    private PcmOpenResult(AlsaPcm? pcm, int errorCode, string? failedCall)
    {
        Pcm = pcm;
        ErrorCode = errorCode;
        FailedCall = failedCall;
    }

    /// <summary>The open, configured PCM; null on failure.</summary>
    public AlsaPcm? Pcm { get; }

    /// <summary>0 on success, else the negative errno alsa-lib returned.</summary>
    public int ErrorCode { get; }

    /// <summary>The alsa-lib function that failed (tells an installer whether the name or the format was refused).</summary>
    public string? FailedCall { get; }

    /// <summary>True when <see cref="Pcm"/> is set.</summary>
    public bool Succeeded => Pcm is not null;

    /// <summary>One line for a log or status page.</summary>
    public string Describe() =>
        Succeeded ? "opened" : $"{FailedCall} failed: {AlsaError.Describe(ErrorCode)}";

    internal static PcmOpenResult Success(AlsaPcm pcm) => new(pcm, 0, null);

    internal static PcmOpenResult Failure(string failedCall, int errorCode) => new(null, errorCode, failedCall);
}
