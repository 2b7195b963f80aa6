using System.Runtime.InteropServices;

namespace Intercom.Audio.Alsa;

/// <summary>Negative errno values alsa-lib returns, and their text.</summary>
public static class AlsaError
{
    /// <summary>Interrupted system call.</summary>
    public const int Interrupted = -4;

    /// <summary>I/O error: a card that cannot deliver, or capture read before start.</summary>
    public const int InputOutput = -5;

    /// <summary>Try again: non-blocking and nothing ready.</summary>
    public const int TryAgain = -11;

    /// <summary>No such device: the card disappeared.</summary>
    public const int NoDevice = -19;

    /// <summary>Broken pipe: an xrun (capture overrun or playback underrun).</summary>
    public const int BrokenPipe = -32;

    /// <summary>File descriptor in bad state (the PCM was disconnected or is not set up).</summary>
    public const int BadFileDescriptorState = -77;

    /// <summary>Streams pipe error: the system suspended the card.</summary>
    public const int StreamsPipe = -86;

    /// <summary>The text alsa-lib gives for a (negative) error code.</summary>
    public static string Describe(int error)
    {
        var text = Marshal.PtrToStringUTF8(AlsaNative.snd_strerror(error));
        return string.IsNullOrEmpty(text) ? $"error {error}" : $"{text} ({error})";
    }

    /// <summary>True for the errors <c>snd_pcm_recover</c> repairs in place (xrun, suspend, signal).</summary>
    public static bool IsRecoverable(int error) => error is BrokenPipe or StreamsPipe or Interrupted;
}
