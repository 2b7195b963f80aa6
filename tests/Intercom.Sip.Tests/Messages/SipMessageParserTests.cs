using System.Buffers;
using System.Text;
using Intercom.Sip.Messages;

namespace Intercom.Sip.Tests.Messages;

public sealed class SipMessageParserTests
{
    private const string Invite =
        "INVITE sip:620@fritz.box SIP/2.0\r\n" +
        "v: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "t: <sip:620@fritz.box>\r\n" +
        "f: \"Door\" <sip:door@fritz.box>;tag=1928301774\r\n" +
        "i: a84b4c76e66710@192.0.2.10\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "m: <sip:door@192.0.2.10:5060>\r\n" +
        "Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n" +
        "c: application/sdp\r\n" +
        "l: 4\r\n" +
        "\r\n" +
        "v=0\r\n";

    public static TheoryData<string, string> InvalidMessages() => new()
    {
        { "no colon", "OPTIONS sip:a@b SIP/2.0\r\nVia SIP/2.0/UDP h\r\n\r\n" },
        { "space in name", "OPTIONS sip:a@b SIP/2.0\r\nVi a: SIP/2.0/UDP h\r\n\r\n" },
        { "bad version", "OPTIONS sip:a@b SIP/2\r\n\r\n" },
        { "two-digit status", "SIP/2.0 20 OK\r\n\r\n" },
        { "uri without scheme", "OPTIONS a@b SIP/2.0\r\n\r\n" },
        { "continuation first", "OPTIONS sip:a@b SIP/2.0\r\n folded\r\n\r\n" },
        { "unterminated headers", "OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n" },
        { "bare CR in a header value (found by fuzzing)", "OPTIONS sip:a@b SIP/2.0\r\nTo: <sip:a@b>\rInjected: x\r\n\r\n" },
        { "bare CR in a folded line", "OPTIONS sip:a@b SIP/2.0\r\nO:\ra\n \n\n" },
        { "bare CR in the reason phrase", "SIP/2.0 200 O\rK\r\n\r\n" },
    };

    [Fact]
    public void Parse_CompactForms_MapToFullHeaders()
    {
        SipMessage message = Parse(Invite);

        Assert.True(message.TryGetHeader(SipHeaderKind.Via, out _));
        Assert.Equal("a84b4c76e66710@192.0.2.10", message.CallId);
        Assert.Equal("Door", message.From!.DisplayName);
        Assert.Equal("1928301774", message.From.Tag);
        Assert.Equal("application/sdp", message.ContentType);
        Assert.Equal("v=0\r", Encoding.ASCII.GetString(message.Body.Span));
        Assert.Equal("application/sdp", message.GetHeader("Content-Type"));
        Assert.Equal("application/sdp", message.GetHeader("content-type"));
    }

    [Fact]
    public void GetHeaderValues_CommaSeparatedRoute_SplitsOutsideBrackets()
    {
        SipMessage message = Parse("OPTIONS sip:a@b SIP/2.0\r\nRoute: \"a, b\" <sip:p1;lr>, <sip:p2;lr?x=1,2>\r\nRoute: <sip:p3>\r\n\r\n");

        Assert.Equal(["\"a, b\" <sip:p1;lr>", "<sip:p2;lr?x=1,2>", "<sip:p3>"], message.GetHeaderValueStrings(SipHeaderKind.Route));
    }

    [Fact]
    public void TryGetHeader_KnownHeader_DoesNotAllocate()
    {
        SipMessage message = Parse(Invite);
        int found = 0;
        message.TryGetHeader(SipHeaderKind.CSeq, out _);
        foreach (ReadOnlySpan<byte> route in message.GetHeaderValues(SipHeaderKind.Route))
        {
            found += route.Length;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            message.TryGetHeader(SipHeaderKind.CSeq, out ReadOnlySpan<byte> cseq);
            message.TryGetHeader(SipHeaderKind.CallId, out ReadOnlySpan<byte> callId);
            foreach (ReadOnlySpan<byte> route in message.GetHeaderValues(SipHeaderKind.Route))
            {
                found += route.Length;
            }

            found += cseq.Length + callId.Length;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(found > 0);
    }

    [Theory]
    [MemberData(nameof(InvalidMessages))]
    public void Parse_Malformed_InvalidWithReason(string label, string text)
    {
        SipParseResult result = SipMessageParser.Parse(Encoding.ASCII.GetBytes(text), SipFraming.Datagram);

        Assert.True(result.Status == SipParseStatus.Invalid, label);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Fact]
    public void Parse_Oversized_Rejected()
    {
        string big = "OPTIONS sip:a@b SIP/2.0\r\nX: " + new string('a', 70_000) + "\r\n\r\n";

        SipParseResult datagram = SipMessageParser.Parse(Encoding.ASCII.GetBytes(big), SipFraming.Datagram);
        SipParseResult stream = SipMessageParser.Parse(Encoding.ASCII.GetBytes(big[..66_000]), SipFraming.Stream);

        Assert.Equal(SipParseStatus.Invalid, datagram.Status);
        Assert.Equal(SipParseStatus.Invalid, stream.Status);
    }

    [Fact]
    public void Parse_StreamWithTwoMessagesAndKeepAlive_FramesByContentLength()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("\r\n\r\n" + Invite + Invite);

        SipParseResult first = SipMessageParser.Parse(bytes, SipFraming.Stream);
        SipParseResult second = SipMessageParser.Parse(bytes.AsSpan(first.BytesConsumed), SipFraming.Stream);

        Assert.Equal(SipParseStatus.Complete, first.Status);
        Assert.Equal(4 + Invite.Length - 1, first.BytesConsumed);
        Assert.Equal(SipParseStatus.Complete, second.Status);
        Assert.Equal(SipParseStatus.KeepAlive, SipMessageParser.Parse("\r\n\r\n"u8, SipFraming.Stream).Status);
    }

    [Fact]
    public void Parse_DatagramBodyLongerThanContentLength_CutToContentLength()
    {
        SipMessage message = Parse(Invite + "garbage");

        Assert.Equal(4, message.Body.Length);
    }

    [Fact]
    public void WriteTo_ParsedMessage_RoundTripsBytes()
    {
        byte[] bytes = Encoding.ASCII.GetBytes(Invite);
        SipMessage message = Parse(Invite);
        var writer = new ArrayBufferWriter<byte>();

        message.WriteTo(writer);

        Assert.Equal(bytes[..^1], writer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData("sip:alice@[2001:db8::10]:5070;transport=tcp", "[2001:db8::10]", 5070, "tcp")]
    [InlineData("sip:[2001:db8::10]", "[2001:db8::10]", null, null)]
    [InlineData("sips:bob@example.com", "example.com", null, null)]
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "AtLanTa.CoM", null, "udp")]
    public void SipUri_TryParse_HostPortAndTransport(string text, string host, int? port, string? transport)
    {
        Assert.True(SipUri.TryParse(text, out SipUri? uri));
        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
        Assert.Equal(transport, uri.Transport);
    }

    [Theory]
    [InlineData("sip:alice@[2001:db8::10")]
    [InlineData("sip:alice@2001:db8::10")]
    [InlineData("sip:alice@host:99999")]
    [InlineData("sip:@host")]
    [InlineData("sip:a b@host")]
    public void SipUri_TryParse_Malformed_False(string text) => Assert.False(SipUri.TryParse(text, out _));

    [Fact]
    public void Builder_ResponseTo_CopiesDialogHeadersAndAddsTag()
    {
        SipMessage request = Parse(Invite);

        SipMessage response = Parse(SipMessageBuilder.ResponseTo(request, 180, null, "abc").ToString());

        Assert.Equal(180, response.StatusCode);
        Assert.Equal("Ringing", response.ReasonPhrase);
        Assert.Equal("abc", response.To!.Tag);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal("z9hG4bK776asdhds", response.TopVia!.Branch);
        Assert.Equal(0, response.Body.Length);
    }

    private static SipMessage Parse(string text)
    {
        SipParseResult result = SipMessageParser.Parse(Encoding.UTF8.GetBytes(text), SipFraming.Datagram);
        Assert.Equal(SipParseStatus.Complete, result.Status);
        return result.Message!;
    }
}
