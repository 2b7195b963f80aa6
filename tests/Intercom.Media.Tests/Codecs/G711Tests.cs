using Intercom.Media.Codecs;

namespace Intercom.Media.Tests.Codecs;

public sealed class G711Tests
{
    [Theory]
    [InlineData(0, (byte)0xFF, (byte)0xD5)]
    [InlineData(-1, (byte)0x7E, (byte)0x55)]
    [InlineData(32767, (byte)0x80, (byte)0xAA)]
    [InlineData(-32768, (byte)0x00, (byte)0x2A)]
    [InlineData(1000, (byte)0xCE, (byte)0xFA)]
    public void Encode_KnownSamples_GiveG711Codes(short sample, byte muLaw, byte aLaw)
    {
        Assert.Equal(muLaw, G711.LinearToMuLaw(sample));
        Assert.Equal(aLaw, G711.LinearToALaw(sample));
    }

    [Theory]
    [InlineData(AudioCodec.Pcmu)]
    [InlineData(AudioCodec.Pcma)]
    public void EveryCode_DecodeThenEncode_GivesSameCode(AudioCodec codec)
    {
        bool aLaw = codec == AudioCodec.Pcma;
        for (int code = 0; code < 256; code++)
        {
            short sample = aLaw ? G711.ALawToLinearSample((byte)code) : G711.MuLawToLinearSample((byte)code);
            byte again = aLaw ? G711.LinearToALaw(sample) : G711.LinearToMuLaw(sample);

            // µ-law has two codes for zero (0x7F and 0xFF); both decode to 0 and 0 encodes to 0xFF.
            Assert.True(again == code || (!aLaw && sample == 0), $"code {code:X2} -> {sample} -> {again:X2}");
        }
    }

    [Theory]
    [InlineData(AudioCodec.Pcmu)]
    [InlineData(AudioCodec.Pcma)]
    public void RoundTrip_Voice_HasCompandingSnr(AudioCodec codec)
    {
        short[] pcm = TestSignals.Voice(8000, 8000);
        using var encoder = new G711Encoder(codec);
        using var decoder = new G711Decoder(codec);
        var payload = new byte[pcm.Length];
        var output = new short[pcm.Length];

        encoder.Encode(pcm, payload);
        decoder.Decode(payload, output);

        // G.711 gives about 38 dB SNR on speech-level signals.
        Assert.InRange(TestSignals.SnrDecibels(pcm, output), 30, 50);
    }

    [Fact]
    public void Conceal_AfterVoicedAudio_ContinuesThenFadesOut()
    {
        using var decoder = new G711Decoder(AudioCodec.Pcma);
        short[] tone = TestSignals.Tone(8000, 800, 200, 8000);
        var payload = new byte[160];
        var frame = new short[160];
        for (int offset = 0; offset < tone.Length; offset += 160)
        {
            G711.Encode(tone.AsSpan(offset, 160), payload, aLaw: true);
            decoder.Decode(payload, frame);
        }

        var concealed = new short[160];
        decoder.Conceal(concealed);
        double firstEnergy = Energy(concealed);
        for (int i = 0; i < 3; i++)
        {
            decoder.Conceal(concealed);
        }

        Assert.True(firstEnergy > 0.5 * Energy(tone.AsSpan(0, 160)), "first concealed frame should carry the tone on");
        Assert.Equal(0, Energy(concealed));
    }

    private static double Energy(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (short sample in samples)
        {
            sum += sample * (double)sample;
        }

        return sum / samples.Length;
    }
}
