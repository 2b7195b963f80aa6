using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Intercom.Sip.Messages;

namespace Intercom.Benchmarks.Sip;

/// <summary>
/// Parse + serialize of a typical INVITE and REGISTER (one core, bytes allocated per message), against an anchor
/// in the same run: the naive approach of decoding to a string and splitting lines into a dictionary.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SipMessageBenchmarks
{
    private static readonly byte[] Invite = Encoding.ASCII.GetBytes(
        "INVITE sip:620@fritz.box SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.168.178.40:5060;rport;branch=z9hG4bK3a5b2c1d0e9f8a7b6c5d\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Door\" <sip:door@fritz.box>;tag=8f2c1a9b4e\r\n" +
        "To: <sip:620@fritz.box>\r\n" +
        "Call-ID: 3c26d1a4b9e7f0a2c5d8e1b4@192.168.178.40\r\n" +
        "CSeq: 2 INVITE\r\n" +
        "Contact: <sip:door@192.168.178.40:5060>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE\r\n" +
        "Supported: timer\r\n" +
        "Session-Expires: 1800\r\n" +
        "Proxy-Authorization: Digest username=\"door\", realm=\"fritz.box\", nonce=\"4F2A9C1B7D3E\", uri=\"sip:620@fritz.box\", response=\"0123456789abcdef0123456789abcdef\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"a1b2c3d4e5f60718\"\r\n" +
        "User-Agent: Intercom\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 214\r\n" +
        "\r\n" +
        "v=0\r\no=- 3912 3912 IN IP4 192.168.178.40\r\ns=-\r\nc=IN IP4 192.168.178.40\r\nt=0 0\r\nm=audio 40000 RTP/AVP 9 8 0 101\r\na=rtpmap:9 G722/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n");

    private static readonly byte[] Register = Encoding.ASCII.GetBytes(
        "REGISTER sip:fritz.box SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.168.178.40:5060;rport;branch=z9hG4bK77aa88bb99cc00dd11ee\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:620@fritz.box>;tag=4b3a2c1d0e\r\n" +
        "To: <sip:620@fritz.box>\r\n" +
        "Call-ID: 9d8c7b6a5f4e3d2c1b0a9f8e\r\n" +
        "CSeq: 17 REGISTER\r\n" +
        "Contact: <sip:620@192.168.178.40:5060>\r\n" +
        "Expires: 600\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE\r\n" +
        "Authorization: Digest username=\"620\", realm=\"fritz.box\", nonce=\"4F2A9C1B7D3E\", uri=\"sip:fritz.box\", response=\"0123456789abcdef0123456789abcdef\", algorithm=MD5, qop=auth, nc=00000002, cnonce=\"a1b2c3d4e5f60718\"\r\n" +
        "User-Agent: Intercom\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n");

    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private SipMessage _parsedInvite = null!;

    [GlobalSetup]
    public void Setup() => _parsedInvite = SipMessageParser.Parse(Invite, SipFraming.Datagram).Message!;

    [Benchmark(Baseline = true, Description = "anchor: string split")]
    [BenchmarkCategory("INVITE")]
    public int NaiveStringInvite() => NaiveParse(Invite);

    [Benchmark(Description = "parse+serialize")]
    [BenchmarkCategory("INVITE")]
    public int ParseAndSerializeInvite() => ParseAndSerialize(Invite);

    [Benchmark(Baseline = true, Description = "anchor: string split")]
    [BenchmarkCategory("REGISTER")]
    public int NaiveStringRegister() => NaiveParse(Register);

    [Benchmark(Description = "parse+serialize")]
    [BenchmarkCategory("REGISTER")]
    public int ParseAndSerializeRegister() => ParseAndSerialize(Register);

    [Benchmark(Baseline = true, Description = "anchor: string split")]
    [BenchmarkCategory("Build REGISTER")]
    public int NaiveBuildRegister()
    {
        var builder = new StringBuilder(512);
        builder.Append("REGISTER sip:fritz.box SIP/2.0\r\n").Append("Via: SIP/2.0/UDP 192.168.178.40:5060;rport;branch=z9hG4bK77aa88bb99cc00dd11ee\r\n")
            .Append("Max-Forwards: 70\r\nFrom: <sip:620@fritz.box>;tag=4b3a2c1d0e\r\nTo: <sip:620@fritz.box>\r\nCall-ID: 9d8c7b6a5f4e3d2c1b0a9f8e\r\nCSeq: 17 REGISTER\r\n")
            .Append("Contact: <sip:620@192.168.178.40:5060>\r\nExpires: 600\r\nContent-Length: 0\r\n\r\n");
        return Encoding.ASCII.GetBytes(builder.ToString()).Length;
    }

    [Benchmark(Description = "builder+serialize")]
    [BenchmarkCategory("Build REGISTER")]
    public int BuildRegister()
    {
        SipMessageBuilder request = SipMessageBuilder.Request(SipMethods.Register, "sip:fritz.box")
            .Add(SipHeaderKind.Via, "SIP/2.0/UDP 192.168.178.40:5060;rport;branch=z9hG4bK77aa88bb99cc00dd11ee")
            .Add(SipHeaderKind.MaxForwards, "70")
            .Add(SipHeaderKind.From, "<sip:620@fritz.box>;tag=4b3a2c1d0e")
            .Add(SipHeaderKind.To, "<sip:620@fritz.box>")
            .Add(SipHeaderKind.CallId, "9d8c7b6a5f4e3d2c1b0a9f8e")
            .Add(SipHeaderKind.CSeq, "17 REGISTER")
            .Add(SipHeaderKind.Contact, "<sip:620@192.168.178.40:5060>")
            .Add(SipHeaderKind.Expires, "600");
        _output.ResetWrittenCount();
        request.WriteTo(_output);
        return _output.WrittenCount;
    }

    [Benchmark(Description = "5 header lookups (no allocation)")]
    [BenchmarkCategory("Lookup")]
    public int HeaderLookups()
    {
        int total = 0;
        _parsedInvite.TryGetHeader(SipHeaderKind.CallId, out ReadOnlySpan<byte> callId);
        _parsedInvite.TryGetHeader(SipHeaderKind.CSeq, out ReadOnlySpan<byte> cseq);
        _parsedInvite.TryGetHeader(SipHeaderKind.From, out ReadOnlySpan<byte> from);
        _parsedInvite.TryGetHeader(SipHeaderKind.To, out ReadOnlySpan<byte> to);
        foreach (ReadOnlySpan<byte> via in _parsedInvite.GetHeaderValues(SipHeaderKind.Via))
        {
            total += via.Length;
        }

        return total + callId.Length + cseq.Length + from.Length + to.Length;
    }

    private int ParseAndSerialize(byte[] bytes)
    {
        SipMessage message = SipMessageParser.Parse(bytes, SipFraming.Datagram).Message!;
        _output.ResetWrittenCount();
        message.WriteTo(_output);
        return _output.WrittenCount;
    }

    private int NaiveParse(byte[] bytes)
    {
        string text = Encoding.ASCII.GetString(bytes);
        int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string[] lines = text[..split].Split("\r\n");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.AsSpan(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(lines[0]).Append("\r\n");
        foreach (KeyValuePair<string, string> header in headers)
        {
            builder.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        builder.Append("\r\n").Append(text.AsSpan(split + 4));
        byte[] output = Encoding.ASCII.GetBytes(builder.ToString());
        _output.ResetWrittenCount();
        _output.Write(output);
        return _output.WrittenCount;
    }
}
