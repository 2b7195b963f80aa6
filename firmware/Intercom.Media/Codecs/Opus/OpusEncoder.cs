namespace Intercom.Media.Codecs.Opus;

/// <summary>
/// Opus encoder over native libopus (RFC 6716, RTP per RFC 7587): mono, VoIP application, voice signal, with
/// in-band FEC and an expected loss above zero when FEC is wanted (libopus emits no FEC at 0 %).
/// Encoding allocates nothing: spans are pinned and passed straight to libopus.
/// </summary>
public sealed unsafe class OpusEncoder : IAudioEncoder
{
    private readonly OpusEncoderHandle handle;

    /// <summary>Creates an encoder at 8, 12, 16, 24 or 48 kHz.</summary>
    public OpusEncoder(int sampleRateHz, int bitrateBitsPerSecond = 32000, bool inbandFec = true, int expectedLossPercent = 10, int complexity = 5)
    {
        handle = OpusNative.EncoderCreate(sampleRateHz, 1, OpusNative.ApplicationVoip, out int error);
        if (error != 0 || handle.IsInvalid)
        {
            handle.Dispose();
            throw new InvalidOperationException($"opus_encoder_create({sampleRateHz} Hz) failed with {error}");
        }

        SampleRateHz = sampleRateHz;
        Control(OpusNative.SetBitrateRequest, bitrateBitsPerSecond);
        Control(OpusNative.SetComplexityRequest, complexity);
        Control(OpusNative.SetSignalRequest, OpusNative.SignalVoice);
        Control(OpusNative.SetInbandFecRequest, inbandFec ? 1 : 0);
        Control(OpusNative.SetPacketLossPercentRequest, inbandFec ? Math.Max(1, expectedLossPercent) : expectedLossPercent);
    }

    /// <inheritdoc />
    public AudioCodec Codec => AudioCodec.Opus;

    /// <inheritdoc />
    public int SampleRateHz { get; }

    /// <inheritdoc />
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        fixed (short* samples = pcm)
        fixed (byte* data = payload)
        {
            int written = OpusNative.Encode(handle, samples, pcm.Length, data, payload.Length);
            return written < 0 ? -1 : written;
        }
    }

    /// <summary>Changes the expected loss, e.g. from RTCP receiver reports, so FEC follows the network.</summary>
    public void SetExpectedLossPercent(int percent) => Control(OpusNative.SetPacketLossPercentRequest, Math.Clamp(percent, 1, 100));

    /// <inheritdoc />
    public void Dispose() => handle.Dispose();

    private void Control(int request, int value)
    {
        int status = OpusNative.EncoderControl(handle, request, value);
        if (status != 0)
        {
            throw new InvalidOperationException($"opus_encoder_ctl({request}, {value}) failed with {status}");
        }
    }
}
