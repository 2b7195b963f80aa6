using System.Buffers;
using System.Text;
using Intercom.Integration.Mqtt;

namespace Intercom.Integration.Tests.Mqtt;

/// <summary>Command payloads: parsed without throwing, token compared exactly, never printed.</summary>
public sealed class MqttCommandTests
{
    private const string Token = "0123456789abcdef-token";

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("{\"token\":\"0123456789abcdef-token\"}", null)]
    [InlineData("{\"relay\":\"gate\",\"token\":\"0123456789abcdef-token\",\"extra\":[1,{\"a\":2}]}", "gate")]
    public void Parse_ValidPayload_ReadsTokenAndRelay(string payload, string? relay)
    {
        var command = MqttCommand.Parse(Bytes(payload), out var problem);

        Assert.NotNull(command);
        Assert.Equal("", problem);
        Assert.True(command.HasToken(Token));
        Assert.Equal(relay, command.Relay);
        Assert.DoesNotContain(Token, command.ToString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("open")]
    [InlineData("[\"token\"]")]
    [InlineData("{\"token\":")]
    [InlineData("{\"token\":12}")]
    [InlineData("{\"token\":\"\"}")]
    [InlineData("{\"relay\":\"gate\"}")]
    [InlineData("{\"token\":\"x\"")]
    [InlineData("{\"a\":[[[[[[[[1]]]]]]]],\"token\":\"0123456789abcdef-token\"}")]
    public void Parse_Malformed_ReturnsNullWithAReason(string payload)
    {
        var command = MqttCommand.Parse(Bytes(payload), out var problem);

        Assert.Null(command);
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void Parse_EveryPrefixOfAValidPayload_NeverThrows()
    {
        const string payload = "{\"token\":\"0123456789abcdef-token\",\"relay\":\"strike\"}";
        for (var length = 0; length < payload.Length; length++)
        {
            Assert.Null(MqttCommand.Parse(Bytes(payload[..length]), out _));
        }
    }

    [Fact]
    public void Parse_OversizedPayload_IsRefused() =>
        Assert.Null(MqttCommand.Parse(Bytes("{\"token\":\"" + new string('a', MqttCommand.MaximumPayloadBytes) + "\"}"), out _));

    [Theory]
    [InlineData("0123456789abcdef-token!")]
    [InlineData("0123456789abcdef-toke")]
    [InlineData("0123456789ABCDEF-token")]
    public void HasToken_AnyOtherToken_IsFalse(string given)
    {
        var command = MqttCommand.Parse(Bytes($"{{\"token\":\"{given}\"}}"), out _)!;

        Assert.False(command.HasToken(Token));
        Assert.False(command.HasToken(""));
    }
}
