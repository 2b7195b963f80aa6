using System.Buffers.Binary;
using Intercom.Audio.Wave;

namespace Intercom.Audio.Tests.Wave;

public sealed class WaveFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Writer_ThenRead_RoundTripsSamplesAndRate()
    {
        var path = _directory.File("round.wav");
        var samples = Signal.Sine(48000, 1000, -6, 4800);
        using (var writer = new WaveFileWriter(path, 48000))
        {
            writer.Write(samples.AsSpan(0, 2400));
            writer.Write(samples.AsSpan(2400));
            Assert.Equal(4800, writer.SamplesWritten);
        }

        var result = WaveFile.Read(path);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(48000, result.SampleRateHz);
        Assert.Equal(samples, result.Samples);
    }

    [Fact]
    public void Parse_StereoWithExtraChunk_KeepsTheFirstChannel()
    {
        var bytes = Build(channels: 2, bitsPerSample: 16, extraChunk: true, [1, -1, 2, -2, 3, -3]);
        var result = WaveFile.Parse(bytes);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([1, 2, 3], result.Samples);
    }

    [Theory]
    [InlineData(0, "not a RIFF/WAVE file")]
    [InlineData(11, "not a RIFF/WAVE file")]
    [InlineData(36, "no data chunk")]
    [InlineData(30, "fmt chunk shorter than 16 bytes")]
    public void Parse_TruncatedFile_FailsWithAReason(int length, string reason)
    {
        var bytes = Build(channels: 1, bitsPerSample: 16, extraChunk: false, [1, 2, 3]);
        var result = WaveFile.Parse(bytes.AsSpan(0, length));
        Assert.False(result.Succeeded);
        Assert.Equal(reason, result.Error);
    }

    [Fact]
    public void Parse_EightBitSamples_FailsWithAReason()
    {
        var result = WaveFile.Parse(Build(channels: 1, bitsPerSample: 8, extraChunk: false, [1, 2]));
        Assert.Equal("8 bits per sample; only 16 is supported", result.Error);
    }

    [Fact]
    public void Read_MissingFile_FailsWithAReason()
    {
        var result = WaveFile.Read(_directory.File("absent.wav"));
        Assert.False(result.Succeeded);
        Assert.StartsWith("cannot read", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static byte[] Build(int channels, int bitsPerSample, bool extraChunk, short[] samples)
    {
        using var stream = new MemoryStream();
        var buffer = new byte[4];
        void Text(string text) => stream.Write(System.Text.Encoding.ASCII.GetBytes(text));
        void UInt32(uint value)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
            stream.Write(buffer, 0, 4);
        }

        void UInt16(ushort value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer, value);
            stream.Write(buffer, 0, 2);
        }

        Text("RIFF");
        UInt32(0);
        Text("WAVE");
        Text("fmt ");
        UInt32(16);
        UInt16(1);
        UInt16((ushort)channels);
        UInt32(16000);
        UInt32((uint)(16000 * channels * 2));
        UInt16((ushort)(channels * 2));
        UInt16((ushort)bitsPerSample);
        if (extraChunk)
        {
            Text("LIST");
            UInt32(3);
            stream.Write([1, 2, 3, 0]);
        }

        Text("data");
        UInt32((uint)(samples.Length * 2));
        foreach (var sample in samples)
        {
            UInt16((ushort)sample);
        }

        return stream.ToArray();
    }
}
