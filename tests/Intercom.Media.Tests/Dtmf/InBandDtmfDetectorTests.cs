using Intercom.Media.Dtmf;
using Intercom.Media.Tests.Codecs;

namespace Intercom.Media.Tests.Dtmf;

public sealed class InBandDtmfDetectorTests
{
    private static readonly Dictionary<char, (double Row, double Column)> Tones = new()
    {
        ['1'] = (697, 1209), ['2'] = (697, 1336), ['3'] = (697, 1477), ['A'] = (697, 1633),
        ['4'] = (770, 1209), ['5'] = (770, 1336), ['6'] = (770, 1477), ['B'] = (770, 1633),
        ['7'] = (852, 1209), ['8'] = (852, 1336), ['9'] = (852, 1477), ['C'] = (852, 1633),
        ['*'] = (941, 1209), ['0'] = (941, 1336), ['#'] = (941, 1477), ['D'] = (941, 1633),
    };

    private static short[] DigitTones(string digits, int sampleRateHz, int toneMilliseconds, int gapMilliseconds, double amplitude = 6000)
    {
        var samples = new List<short>();
        foreach (char digit in digits)
        {
            (double row, double column) = Tones[digit];
            for (int n = 0; n < sampleRateHz * toneMilliseconds / 1000; n++)
            {
                double t = (double)n / sampleRateHz;
                samples.Add((short)(amplitude * (Math.Sin(2 * Math.PI * row * t) + Math.Sin(2 * Math.PI * column * t))));
            }

            samples.AddRange(new short[sampleRateHz * gapMilliseconds / 1000]);
        }

        return [.. samples];
    }

    private static string Detect(short[] audio, int sampleRateHz, int frameSamples)
    {
        var detector = new InBandDtmfDetector(sampleRateHz);
        var found = new char[8];
        var digits = new List<char>();
        for (int offset = 0; offset + frameSamples <= audio.Length; offset += frameSamples)
        {
            int count = detector.Process(audio.AsSpan(offset, frameSamples), found);
            digits.AddRange(found.AsSpan(0, count).ToArray());
        }

        return new string([.. digits]);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    [InlineData(48000)]
    public void Process_AllSixteenDigits_DetectedInOrder(int sampleRateHz)
    {
        short[] audio = DigitTones("123A456B789C*0#D", sampleRateHz, 70, 60);

        Assert.Equal("123A456B789C*0#D", Detect(audio, sampleRateHz, sampleRateHz / 100));
    }

    [Fact]
    public void Process_RepeatedDigitWithShortGaps_CountedEachTime()
    {
        short[] audio = DigitTones("5555", 16000, 60, 60);

        Assert.Equal("5555", Detect(audio, 16000, 160));
    }

    [Fact]
    public void Process_Voice_NoFalseDigits()
    {
        short[] voice = TestSignals.Voice(16000, 16000 * 5);

        Assert.Equal("", Detect(voice, 16000, 160));
    }

    [Fact]
    public void Process_QuietTones_Ignored()
    {
        short[] audio = DigitTones("5", 8000, 100, 50, amplitude: 100);

        Assert.Equal("", Detect(audio, 8000, 80));
    }
}
