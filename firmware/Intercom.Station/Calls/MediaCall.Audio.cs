using Intercom.Media.Session;

namespace Intercom.Station.Calls;

/// <summary>The audio side: what the media pump calls once per 10 ms frame.</summary>
public sealed partial class MediaCall
{
    private readonly short[] _toneFrame;
    private MediaSession? _audioSession;
    private int _audioBusy;

    /// <summary>
    /// Connects the call to the audio engine through <paramref name="pump"/>: at once when connected, else as soon
    /// as it is answered. The pump lets go when the call ends. False when the call already ended.
    /// </summary>
    public bool ConnectAudio(MediaPump pump)
    {
        ArgumentNullException.ThrowIfNull(pump);
        Volatile.Write(ref _pump, pump);
        MediaCallState state = State;
        if (state == MediaCallState.Connected)
        {
            pump.Attach(this);
        }

        return state != MediaCallState.Ended;
    }

    /// <summary>Frames at the engine's rate (samples per 10 ms).</summary>
    internal int FrameSamples => _toneFrame.Length;

    /// <summary>
    /// Pump thread, once per engine frame: the captured frame goes to the peer (replaced by DTMF tones while an
    /// in-band digit sounds), the next received frame comes back. No lock, no allocation.
    /// </summary>
    internal bool PumpFrame(ReadOnlySpan<short> captured, Span<short> playback)
    {
        // Dekker-style hand-shake with SetAudioSession: announce the frame, then read the session.
        Interlocked.Exchange(ref _audioBusy, 1);
        try
        {
            MediaSession? session = Volatile.Read(ref _audioSession);
            if (session is null)
            {
                playback.Clear();
                return false;
            }

            session.WriteFrame(_tones.TryFill(_toneFrame) ? _toneFrame : captured);
            session.ReadFrame(playback);
            return true;
        }
        finally
        {
            Volatile.Write(ref _audioBusy, 0);
        }
    }

    /// <summary>Changes the session the pump feeds; returns once no frame uses the previous one.</summary>
    private void SetAudioSession(MediaSession? session)
    {
        Interlocked.Exchange(ref _audioSession, session);
        var spin = default(SpinWait);
        while (Volatile.Read(ref _audioBusy) != 0)
        {
            // A frame takes well under a millisecond: spin until it is done with the old session.
            spin.SpinOnce();
        }
    }
}
