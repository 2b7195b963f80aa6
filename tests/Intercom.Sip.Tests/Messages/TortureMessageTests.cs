using System.Globalization;
using Intercom.Sip.Messages;

namespace Intercom.Sip.Tests.Messages;

/// <summary>The RFC 4475 torture messages: valid ones parse, invalid ones are rejected with the right status.</summary>
public sealed class TortureMessageTests
{
    public static TheoryData<string> ValidNames() => new(Rfc4475Decoder.Names("valid"));

    public static TheoryData<string> InvalidNames() => new(Rfc4475Decoder.Names("invalid"));

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Parse_ValidTortureMessage_CompleteAndValid(string name)
    {
        byte[] bytes = Rfc4475Decoder.Load($"valid/{name}.txt");

        SipParseResult result = SipMessageParser.Parse(bytes, SipFraming.Datagram);

        Assert.Equal(SipParseStatus.Complete, result.Status);
        SipValidationResult validation = SipMessageValidator.Validate(result.Message!);
        Assert.True(validation.IsValid, $"{name}: {validation.Reason}");
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Parse_EveryIncompletePrefixOnStream_Incomplete(string name)
    {
        byte[] bytes = Rfc4475Decoder.Load($"valid/{name}.txt");
        SipParseResult whole = SipMessageParser.Parse(bytes, SipFraming.Stream);
        Assert.Equal(SipParseStatus.Complete, whole.Status);
        if (whole.Message!.TryGetHeader(SipHeaderKind.ContentLength, out _))
        {
            Assert.Equal(bytes.Length, name == "dblreq" ? bytes.Length : whole.BytesConsumed);
        }

        for (int length = 0; length < whole.BytesConsumed; length++)
        {
            SipParseResult partial = SipMessageParser.Parse(bytes.AsSpan(0, length), SipFraming.Stream);
            Assert.True(partial.Status == SipParseStatus.Incomplete, $"{name}: prefix of {length} bytes gave {partial.Status} {partial.Reason}");
        }
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Parse_InvalidTortureMessage_Rejected(string name)
    {
        byte[] bytes = Rfc4475Decoder.Load($"invalid/{name}.txt");
        int expected = int.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Rfc4475", "invalid", name + ".status")).Trim(), CultureInfo.InvariantCulture);

        SipParseResult result = SipMessageParser.Parse(bytes, SipFraming.Datagram);

        if (expected < 0)
        {
            Assert.Equal(SipParseStatus.Invalid, result.Status);
            Assert.False(string.IsNullOrEmpty(result.Reason));
            return;
        }

        Assert.Equal(SipParseStatus.Complete, result.Status);
        SipValidationResult validation = SipMessageValidator.Validate(result.Message!);
        Assert.False(validation.IsValid, name);
        if (expected > 0)
        {
            Assert.Equal(expected, validation.StatusCode);
        }
    }

    [Fact]
    public void Parse_ShortTortuousInvite_FieldsUnfoldedAndTyped()
    {
        SipMessage message = SipMessageParser.Parse(Rfc4475Decoder.Load("valid/wsinv.txt"), SipFraming.Datagram).Message!;

        Assert.Equal("INVITE", message.Method);
        Assert.Equal("1918181833n", message.To!.Tag);
        Assert.Equal("J Rosenberg \\\"", message.From!.DisplayName);
        Assert.Equal("98asjd8", message.From.Tag);
        Assert.Equal(9, message.CSeq!.Number);
        Assert.Equal("390skdjuw", message.TopVia!.Branch);
        Assert.Equal("newfangled value   continued newfangled value", message.GetHeader("NewFangledHeader"));
        Assert.Equal(3, message.GetHeaderValueStrings(SipHeaderKind.Via).Count);
        Assert.Equal(150, message.Body.Length);
        Assert.Equal("0.33", SipNameAddress.TryParse(message.GetHeader(SipHeaderKind.Contact)!, out SipNameAddress? contact) ? contact.Parameters.Get("q") : null);
    }

    [Fact]
    public void Parse_TwoRequestsInOneDatagram_SecondIgnored()
    {
        SipMessage message = SipMessageParser.Parse(Rfc4475Decoder.Load("valid/dblreq.txt"), SipFraming.Datagram).Message!;

        Assert.Equal("REGISTER", message.Method);
        Assert.Equal(0, message.Body.Length);
    }

    [Fact]
    public void Decode_HexAndAllOneLine_ProduceRawBytes()
    {
        byte[] bytes = Rfc4475Decoder.Decode("A<hex>00FF</hex>B\n<allOneLine>\nx\ny\n</allOneLine>\n<repeat count=3>ab</repeat>\n");

        Assert.Equal([(byte)'A', 0x00, 0xFF, (byte)'B', (byte)'\r', (byte)'\n', (byte)'x', (byte)'y', (byte)'\r', (byte)'\n', (byte)'a', (byte)'b', (byte)'a', (byte)'b', (byte)'a', (byte)'b', (byte)'\r', (byte)'\n'], bytes);
    }
}
