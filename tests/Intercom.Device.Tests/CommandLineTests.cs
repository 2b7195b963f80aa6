using Intercom.Station.Configuration;
using Intercom.Device.Hosting;

namespace Intercom.Device.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_NoArguments_UsesEtcConfiguration()
    {
        var commandLine = CommandLine.Parse([], out var error);

        Assert.Null(error);
        Assert.Equal(ConfigurationFile.DefaultPath, commandLine!.ConfigurationPath);
        Assert.False(commandLine.OutputsSafe);
        Assert.Null(commandLine.HttpPort);
    }

    [Fact]
    public void Parse_AllOptions_AreRead()
    {
        var commandLine = CommandLine.Parse(["--config", "/tmp/x.json", "--http-port", "0", "--outputs-safe"], out _);

        Assert.Equal("/tmp/x.json", commandLine!.ConfigurationPath);
        Assert.Equal(0, commandLine.HttpPort);
        Assert.True(commandLine.OutputsSafe);
    }

    [Theory]
    [InlineData("--config")]
    [InlineData("--http-port", "x")]
    [InlineData("--http-port", "70000")]
    [InlineData("--https-port", "-1")]
    [InlineData("--verbose")]
    [InlineData("--outputs-safe", "--check-config")]
    public void Parse_WrongArguments_GiveAnError(params string[] arguments)
    {
        Assert.Null(CommandLine.Parse(arguments, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
