using Intercom.Media.Codecs.G722;
using Intercom.Media.Tests.Interop;

namespace Intercom.Media.Tests.Codecs;

public sealed unsafe class G722Tests
{
    [Fact]
    public void Encode_VoiceAndTones_BitExactWithSpanDsp()
    {
        short[] pcm = [.. TestSignals.Voice(16000, 16000), .. TestSignals.Tone(16000, 8000, 3000, 20000), .. TestSignals.Tone(16000, 4000, 7000, 32000)];
        using var encoder = new G722Encoder();
        var ours = new byte[pcm.Length / 2];
        var theirs = new byte[pcm.Length / 2];

        for (int offset = 0; offset < pcm.Length; offset += 160)
        {
            encoder.Encode(pcm.AsSpan(offset, 160), ours.AsSpan(offset / 2));
        }

        IntPtr state = LibSpanDsp.G722EncodeInit(IntPtr.Zero, 64000, 0);
        fixed (short* input = pcm)
        fixed (byte* output = theirs)
        {
            Assert.Equal(theirs.Length, LibSpanDsp.G722Encode(state, output, input, pcm.Length));
        }

        _ = LibSpanDsp.G722EncodeFree(state);
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void Decode_RandomAndEncodedStreams_BitExactWithSpanDsp()
    {
        var random = new Random(3);
        var payload = new byte[8000];
        random.NextBytes(payload.AsSpan(0, 4000));
        using (var encoder = new G722Encoder())
        {
            encoder.Encode(TestSignals.Voice(16000, 8000, seed: 4), payload.AsSpan(4000));
        }

        using var decoder = new G722Decoder();
        var ours = new short[payload.Length * 2];
        var theirs = new short[payload.Length * 2];
        for (int offset = 0; offset < payload.Length; offset += 160)
        {
            Assert.Equal(320, decoder.Decode(payload.AsSpan(offset, 160), ours.AsSpan(offset * 2)));
        }

        IntPtr state = LibSpanDsp.G722DecodeInit(IntPtr.Zero, 64000, 0);
        fixed (short* output = theirs)
        fixed (byte* input = payload)
        {
            Assert.Equal(theirs.Length, LibSpanDsp.G722Decode(state, output, input, payload.Length));
        }

        _ = LibSpanDsp.G722DecodeFree(state);

        // Random codes drive the receive QMF past 16 bits: spandsp wraps there, we saturate (a wrap is a loud
        // click). Every other sample must be identical.
        int saturated = 0;
        for (int i = 0; i < ours.Length; i++)
        {
            if (ours[i] != theirs[i])
            {
                bool clipped = (ours[i] == short.MaxValue && theirs[i] < 0) || (ours[i] == short.MinValue && theirs[i] > 0);
                Assert.True(clipped, $"sample {i}: ours {ours[i]}, spandsp {theirs[i]}");
                saturated++;
            }
        }

        Assert.True(saturated < ours.Length / 100, $"{saturated} saturated samples");
    }

    [Fact]
    public void EncodeThenDecode_Voice_KeepsTheSignal()
    {
        short[] pcm = TestSignals.Voice(16000, 32000);
        using var encoder = new G722Encoder();
        using var decoder = new G722Decoder();
        var payload = new byte[160];
        var output = new short[pcm.Length];
        for (int offset = 0; offset < pcm.Length; offset += 320)
        {
            encoder.Encode(pcm.AsSpan(offset, 320), payload);
            decoder.Decode(payload, output.AsSpan(offset, 320));
        }

        (double correlation, int lag) = TestSignals.BestCorrelation(pcm.AsSpan(0, 30000), output, 40);
        Assert.True(correlation > 0.95, $"correlation {correlation:F3} at lag {lag}");
    }
}
