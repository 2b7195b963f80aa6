using System.Runtime.InteropServices;
using Intercom.Audio.Alsa;

namespace Intercom.Audio.Tests.Alsa;

/// <summary>
/// The binding against alsa-lib itself, through its <c>file</c> and <c>null</c> plugins defined in a private
/// configuration file (no sound card, no change to the machine's ALSA setup).
/// </summary>
public sealed class AlsaPcmFilePluginTests : IDisposable
{
    private const int RateHz = 16000;
    private const int PeriodFrames = 160;
    private readonly TemporaryDirectory _directory = new();
    private readonly AlsaConfiguration _configuration;

    public AlsaPcmFilePluginTests()
    {
        var configurationPath = _directory.File("asound.conf");
        File.WriteAllText(configurationPath, $$"""
            pcm.microphone {
                type file
                slave.pcm { type null }
                file "/dev/null"
                infile "{{_directory.File("in.raw")}}"
                format "raw"
            }
            pcm.speaker {
                type file
                slave.pcm { type null }
                file "{{_directory.File("out.raw")}}"
                format "raw"
            }
            pcm.nothing { type null }
            """);
        _configuration = AlsaConfiguration.TryLoadFile(configurationPath, out var error)
            ?? throw new InvalidOperationException(error);
    }

    [Fact]
    public void Read_FilePluginWithInputFile_ReturnsTheFileSamples()
    {
        var expected = new short[PeriodFrames * 3];
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = (short)((i * 37) - 8000);
        }

        File.WriteAllBytes(_directory.File("in.raw"), MemoryMarshal.AsBytes(expected.AsSpan()).ToArray());
        using var pcm = OpenOrFail("microphone", PcmDirection.Capture);

        var actual = new short[expected.Length];
        for (var period = 0; period < 3; period++)
        {
            Assert.Equal(PeriodFrames, pcm.Read(actual.AsSpan(period * PeriodFrames, PeriodFrames)));
        }

        Assert.Equal(expected, actual);
        Assert.Equal(PcmState.Running, pcm.State);
    }

    [Fact]
    public void Write_FilePlugin_WritesTheSamplesToTheOutputFile()
    {
        var samples = new short[PeriodFrames * 4];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(i * 11);
        }

        using (var pcm = OpenOrFail("speaker", PcmDirection.Playback))
        {
            for (var period = 0; period < 4; period++)
            {
                Assert.Equal(PeriodFrames, pcm.Write(samples.AsSpan(period * PeriodFrames, PeriodFrames)));
            }
        }

        var written = MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(_directory.File("out.raw"))).ToArray();
        Assert.Equal(samples, written);
    }

    [Fact]
    public void Recover_AfterBrokenPipe_PreparesAndTheStreamRunsAgain()
    {
        using var pcm = OpenOrFail("nothing", PcmDirection.Capture);
        var frame = new short[PeriodFrames];
        Assert.Equal(PeriodFrames, pcm.Read(frame));

        Assert.Equal(0, pcm.Drop());
        Assert.Equal(PcmState.Setup, pcm.State);
        Assert.Equal(0, pcm.Recover(AlsaError.BrokenPipe));
        Assert.Equal(PcmState.Prepared, pcm.State);
        Assert.Equal(PeriodFrames, pcm.Read(frame));
        Assert.Equal(PcmState.Running, pcm.State);
    }

    [Fact]
    public void Recover_UnrecoverableError_ReturnsTheError()
    {
        using var pcm = OpenOrFail("nothing", PcmDirection.Playback);
        Assert.Equal(AlsaError.NoDevice, pcm.Recover(AlsaError.NoDevice));
    }

    [Fact]
    public void Open_UnknownName_FailsInOpenWithAReason()
    {
        var result = AlsaPcm.Open(Request("no_such_device", PcmDirection.Capture), _configuration);
        Assert.False(result.Succeeded);
        Assert.Equal("snd_pcm_open", result.FailedCall);
        Assert.True(result.ErrorCode < 0);
        Assert.Contains("snd_pcm_open failed", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_GrantsTenMillisecondPeriodsAndTheBufferAsked()
    {
        using var pcm = OpenOrFail("nothing", PcmDirection.Playback);
        Assert.Equal(PeriodFrames, pcm.PeriodFrames);
        Assert.Equal(PeriodFrames * 3, pcm.BufferFrames);
    }

    [Fact]
    public void TryParse_BrokenSyntax_ReturnsAReason()
    {
        using var configuration = AlsaConfiguration.TryParse("pcm.x { type null ", out var error);
        Assert.Null(configuration);
        Assert.StartsWith("snd_config_load", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _configuration.Dispose();
        _directory.Dispose();
    }

    private static PcmRequest Request(string name, PcmDirection direction) =>
        new(name, direction, RateHz, Channels: 1, PeriodFrames, BufferPeriods: 3);

    private AlsaPcm OpenOrFail(string name, PcmDirection direction)
    {
        var result = AlsaPcm.Open(Request(name, direction), _configuration);
        Assert.True(result.Succeeded, result.Describe());
        return result.Pcm!;
    }
}
