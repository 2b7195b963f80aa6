using Intercom.Audio.Alsa;
using Intercom.Audio.Dsp;

namespace Intercom.Audio.Engine;

/// <summary>The audio thread's loop: open, pace, read, process, write, recover.</summary>
public sealed partial class AudioEngine
{
    private const int MaximumReadAttempts = 4;
    private const int WarmUpFrames = 8;
    private long _previousFrameTimestamp;

    private void Run()
    {
        WarmUp();
        RaisePriority();
        MarkAlive();
        while (!_stopping)
        {
            try
            {
                if (Volatile.Read(ref _counters.DeviceOpen) == 0 && !TryOpenDevice())
                {
                    continue;
                }

                RunFrame();
            }
#pragma warning disable CA1031 // The audio thread must survive its own bugs: count, log (rate-limited), go on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                AudioEngineCounters.Increment(ref _counters.UnexpectedErrors);
                var count = _counters.UnexpectedErrors;
                if ((count & (count - 1)) == 0)
                {
                    _logger.UnexpectedError(exception, count);
                }

                _pacer.SetTicking(true);
                _ = _pacer.WaitFor(Format.FrameDuration);
                _pacer.SetTicking(!_device.IsPacedByHardware || Volatile.Read(ref _counters.DeviceOpen) == 0);
            }
        }

        _device.Close();
        Volatile.Write(ref _counters.DeviceOpen, 0);
        _logger.Stopped(_counters.FramesProcessed);
    }

    /// <summary>
    /// Runs the per-frame code on silence through a throwaway pipeline before the device opens and before the
    /// thread turns real-time: the JIT compiles it now, not inside the first periods of a running card, where a
    /// cold first frame costs several milliseconds (tens under emulation) and underruns the playback buffer.
    /// </summary>
    private void WarmUp()
    {
        var automaticGainControl = AutomaticGainControl.ForDoorStation(Format.FrameDuration);
        var pipeline = new AudioPipeline(
            Format, _processor, automaticGainControl, 2, 2, 0, 0, new AudioEngineCounters());
        var microphone = new short[Format.FrameSamples];
        var speaker = new short[Format.FrameSamples];
        pipeline.RequestTone(AudioTone.DoorOpened);
        for (var frame = 0; frame < WarmUpFrames; frame++)
        {
            var start = _timeProvider.GetTimestamp();
            _ = pipeline.PlaybackRing.TryWrite(speaker);
            microphone.AsSpan().Clear();
            pipeline.RenderSpeaker(speaker);
            pipeline.ProcessMicrophone(microphone, speaker);
            _ = pipeline.CaptureRing.TryRead(microphone);
            _ = _timeProvider.GetElapsedTime(start).TotalMicroseconds;
        }
    }

    private void RaisePriority()
    {
        var priority = _options.RealtimePriority;
        if (priority <= 0)
        {
            return;
        }

        var error = RealtimeScheduling.TrySetFifo(priority);
        Volatile.Write(ref _realtimeSchedulingError, error);
        if (error == 0)
        {
            _logger.RealtimeGranted(priority);
        }
        else
        {
            _logger.RealtimeRefused(priority, error);
        }
    }

    /// <summary>One attempt to open the device; after a failure, waits the next backoff delay.</summary>
    internal bool TryOpenDevice()
    {
        if (_device.TryOpen(Format, out var failure))
        {
            _backoff.Reset();
            _pacer.SetTicking(!_device.IsPacedByHardware);
            _pacer.Restart();
            _previousFrameTimestamp = 0;
            AudioEngineCounters.Increment(ref _counters.DeviceOpens);
            Volatile.Write(ref _counters.DeviceOpen, 1);
            MarkAlive();
            return true;
        }

        _lastDeviceFailure = failure;
        AudioEngineCounters.Increment(ref _counters.DeviceOpenFailures);
        MarkAlive();
        _pacer.SetTicking(true);
        _ = _pacer.WaitFor(_backoff.Next());
        return false;
    }

    /// <summary>One frame: wait for it, read it, process both directions, write the loudspeaker frame.</summary>
    internal void RunFrame()
    {
        if (!_device.IsPacedByHardware)
        {
            var skipped = _pacer.WaitForNextFrame();
            if (skipped < 0)
            {
                return;
            }

            if (skipped > 0)
            {
                AudioEngineCounters.Add(ref _counters.LateFrames, skipped);
            }
        }

        if (!ReadFrame())
        {
            return;
        }

        var start = _timeProvider.GetTimestamp();
        if (_device.IsPacedByHardware && _previousFrameTimestamp != 0 &&
            _timeProvider.GetElapsedTime(_previousFrameTimestamp, start) > Format.FrameDuration * 1.5)
        {
            AudioEngineCounters.Increment(ref _counters.LateFrames);
        }

        _previousFrameTimestamp = start;
        _pipeline.RenderSpeaker(_speaker);
        _pipeline.ProcessMicrophone(_microphone, _speaker);
        _counters.ProcessingTime.Record(_timeProvider.GetElapsedTime(start).TotalMicroseconds);

        if (!WriteFrame())
        {
            return;
        }

        AudioEngineCounters.Increment(ref _counters.FramesProcessed);
        MarkAlive();
    }

    private bool ReadFrame()
    {
        var filled = 0;
        for (var attempt = 0; filled < _microphone.Length; attempt++)
        {
            if (attempt >= MaximumReadAttempts)
            {
                _microphone.AsSpan(filled).Clear();
                AudioEngineCounters.Increment(ref _counters.ShortReads);
                return true;
            }

            var result = _device.Read(_microphone.AsSpan(filled));
            if (result >= 0)
            {
                filled += result;
                continue;
            }

            if (result == AlsaError.BrokenPipe)
            {
                AudioEngineCounters.Increment(ref _counters.CaptureOverruns);
            }

            if (result == AlsaError.TryAgain ||
                (AlsaError.IsRecoverable(result) && _device.Recover(PcmDirection.Capture, result) == 0))
            {
                continue;
            }

            LoseDevice(PcmDirection.Capture, result);
            return false;
        }

        return true;
    }

    private bool WriteFrame()
    {
        var written = 0;
        for (var attempt = 0; written < _speaker.Length && attempt < MaximumReadAttempts; attempt++)
        {
            var result = _device.Write(_speaker.AsSpan(written));
            if (result >= 0)
            {
                written += result;
                continue;
            }

            if (result == AlsaError.BrokenPipe)
            {
                AudioEngineCounters.Increment(ref _counters.PlaybackUnderruns);
            }

            if (result == AlsaError.TryAgain ||
                (AlsaError.IsRecoverable(result) && _device.Recover(PcmDirection.Playback, result) == 0))
            {
                continue;
            }

            LoseDevice(PcmDirection.Playback, result);
            return false;
        }

        return true;
    }

    /// <summary>The card failed beyond recovery (unplugged): close it, wait, and let the loop reopen it.</summary>
    private void LoseDevice(PcmDirection direction, int error)
    {
        _lastDeviceFailure = $"{direction}: {AlsaError.Describe(error)}";
        AudioEngineCounters.Increment(ref _counters.DeviceLosses);
        _device.Close();
        Volatile.Write(ref _counters.DeviceOpen, 0);
        _pacer.SetTicking(true);
        _ = _pacer.WaitFor(_backoff.Next());
    }

    private void MarkAlive() => Volatile.Write(ref _counters.AliveTimestamp, _timeProvider.GetTimestamp());
}
