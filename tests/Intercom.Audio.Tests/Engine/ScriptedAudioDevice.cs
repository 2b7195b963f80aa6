using System.Collections.Concurrent;
using Intercom.Audio.Alsa;
using Intercom.Audio.Engine;

namespace Intercom.Audio.Tests.Engine;

/// <summary>
/// A device whose opens, reads and writes fail on cue, the way a real card fails: xruns (-EPIPE), an unplugged
/// card (-ENODEV), opens refused while it is gone. Not paced by hardware, so the engine paces it on fake time.
/// </summary>
internal sealed class ScriptedAudioDevice : IAudioDevice
{
    private readonly ConcurrentQueue<int> _readResults = new();
    private readonly ConcurrentQueue<int> _writeResults = new();
    private readonly ConcurrentQueue<bool> _openResults = new();
    private int _openAttempts;
    private int _captureRecoveries;
    private int _playbackRecoveries;
    private int _closes;
    private long _reads;

    public string Description => "scripted";

    public bool IsPacedByHardware => false;

    public bool IsOpen { get; private set; }

    public int OpenAttempts => Volatile.Read(ref _openAttempts);

    public int CaptureRecoveries => Volatile.Read(ref _captureRecoveries);

    public int PlaybackRecoveries => Volatile.Read(ref _playbackRecoveries);

    public int Closes => Volatile.Read(ref _closes);

    public long Reads => Volatile.Read(ref _reads);

    /// <summary>Results of the next reads (negative errno), before normal frames resume.</summary>
    public void FailNextReads(params int[] errors)
    {
        foreach (var error in errors)
        {
            _readResults.Enqueue(error);
        }
    }

    public void FailNextWrites(params int[] errors)
    {
        foreach (var error in errors)
        {
            _writeResults.Enqueue(error);
        }
    }

    /// <summary>Outcomes of the next opens (true = opens); afterwards opens succeed.</summary>
    public void ScriptOpens(params bool[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _openResults.Enqueue(outcome);
        }
    }

    public bool TryOpen(AudioStreamFormat format, out string? failure)
    {
        Interlocked.Increment(ref _openAttempts);
        if (_openResults.TryDequeue(out var opens) && !opens)
        {
            failure = "scripted: no such device";
            return false;
        }

        IsOpen = true;
        failure = null;
        return true;
    }

    public int Read(Span<short> frame)
    {
        Interlocked.Increment(ref _reads);
        if (_readResults.TryDequeue(out var error))
        {
            return error;
        }

        frame.Fill(1000);
        return frame.Length;
    }

    public int Write(ReadOnlySpan<short> frame) =>
        _writeResults.TryDequeue(out var error) ? error : frame.Length;

    public int Recover(PcmDirection direction, int errorCode)
    {
        if (!AlsaError.IsRecoverable(errorCode))
        {
            return errorCode;
        }

        Interlocked.Increment(ref direction == PcmDirection.Capture ? ref _captureRecoveries : ref _playbackRecoveries);
        return 0;
    }

    public void Close()
    {
        IsOpen = false;
        Interlocked.Increment(ref _closes);
    }

    public void Dispose() => Close();
}
