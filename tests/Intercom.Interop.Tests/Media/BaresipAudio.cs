using Intercom.Interop.Tests.Peers;
using Intercom.Media.Codecs;
using Intercom.Station.Calls;

namespace Intercom.Interop.Tests.Media;

/// <summary>Shared steps of the baresip media tests: start baresip playing the upward sweep, talk, measure both ways.</summary>
internal static class BaresipAudio
{
    /// <summary>Audio runs this long after both sides are connected; the last second is measured.</summary>
    public static readonly TimeSpan TalkTime = TimeSpan.FromSeconds(1.6);

    /// <summary>
    /// Starts baresip with the upward sweep as microphone at the codec's own rate (baresip 1.0's resampler cuts
    /// everything above about 1.2 kHz when it converts 16 to 8 kHz, so it must not resample).
    /// </summary>
    public static Task<BaresipPeer> StartAsync(string account, AudioCodec codec, CancellationToken cancellationToken)
    {
        int rate = AudioCodecInfo.SampleRateHz(codec);
        return BaresipPeer.StartAsync(account, new BaresipMedia(Sweep.Upward.Generate(rate, Sweep.Period * 40), rate), cancellationToken);
    }

    /// <summary>Connects the audio engine, lets the call run, hangs up and measures what each side heard.</summary>
    public static async Task<AudioMeasurement> TalkAndMeasureAsync(StationSide station, MediaCall call, BaresipPeer baresip, CancellationToken cancellationToken)
    {
        Assert.True(call.ConnectAudio(station.Pump));
        await Task.Delay(TalkTime, cancellationToken);
        short[] heard = station.Speaker.Last(StationSide.SampleRateHz);
        await call.HangUpAsync();
        await call.Ended.WaitAsync(StationSide.Deadline, cancellationToken);
        await baresip.WaitForEventAsync("CALL_CLOSED", StationSide.Deadline, cancellationToken);
        double weHeard = Sweep.Upward.MedianWindowCorrelation(heard, StationSide.SampleRateHz, out double weHeardWorst);

        string path = baresip.ReceivedAudioPath ?? throw new InvalidOperationException($"baresip wrote no decoded audio. Output:\n{baresip.Process.Output}");
        (short[] samples, int rate) = WaveFiles.ReadFirstChannel(path);

        // The last second before the hang-up (48 kHz Opus is measured at 16 kHz: the sweep ends at 3 kHz).
        int decimation = rate > StationSide.SampleRateHz ? rate / StationSide.SampleRateHz : 1;
        int measuredRate = rate / decimation;
        int length = Math.Min(measuredRate, (samples.Length / decimation) - (measuredRate / 10));
        Assert.True(length >= measuredRate / 2, $"baresip decoded only {samples.Length} samples at {rate} Hz");
        int start = (samples.Length / decimation) - (measuredRate / 10) - length;
        short[] tail = new short[length];
        for (int i = 0; i < length; i++)
        {
            tail[i] = samples[(start + i) * decimation];
        }

        double baresipHeard = Sweep.Downward.MedianWindowCorrelation(tail, measuredRate, out double baresipHeardWorst);
        return new AudioMeasurement(weHeard, weHeardWorst, baresipHeard, baresipHeardWorst);
    }
}
