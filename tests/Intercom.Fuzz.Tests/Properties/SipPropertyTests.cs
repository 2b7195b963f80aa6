using System.Text;
using CsCheck;
using Intercom.Sip.Messages;

namespace Intercom.Fuzz.Tests.Properties;

/// <summary>Generated SIP text: URIs, Via values and whole messages split across stream reads.</summary>
public sealed class SipPropertyTests
{
    private static readonly Gen<string> Token = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"].Array[1, 12].Select(c => new string(c));

    private static readonly Gen<string> HostName = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 10].Array[1, 4].Select(labels => string.Join('.', labels.Select(l => new string(l))));

    private static readonly Gen<string> Host = Gen.OneOf(
        HostName,
        Gen.Byte.Array[4, 4].Select(b => string.Join('.', b)),
        Gen.UShort.Array[8, 8].Select(parts => "[" + System.Net.IPAddress.Parse(string.Join(':', parts.Select(p => p.ToString("x", System.Globalization.CultureInfo.InvariantCulture)))) + "]"));

    private static readonly Gen<int?> Port = Gen.Int[0, 65535].Nullable(0.3);

    private static readonly Gen<(string Name, string? Value)[]> Parameters = Gen.Select(Token, Token.Null(0.3)).Array[0, 4];

    [Fact]
    public void SipUri_Generated_ParsesToItsParts()
    {
        Gen.Select(Token.Null(0.2), Host, Port, Parameters).Sample((user, host, port, parameters) =>
        {
            string text = $"sip:{(user is null ? "" : user + "@")}{host}{(port is null ? "" : ":" + port)}{Format(parameters)}";

            Assert.True(SipUri.TryParse(text, out SipUri? uri), text);
            Assert.Equal(user, uri.User);
            Assert.Equal(host, uri.Host);
            Assert.Equal(port, uri.Port);
            Assert.Equal(parameters.Length, uri.Parameters.Count);
            Assert.Equal(text, uri.ToString());
        }, iter: 2_000);
    }

    [Fact]
    public void SipVia_GeneratedWithOddSpacing_KeepsBranchHostAndPort()
    {
        Gen.Select(Gen.OneOf("UDP", "tcp", "TLS", "ws"), Host, Port, Token, Gen.OneOf("", " ", "  ", "\t")).Sample((transport, host, port, branch, space) =>
        {
            string text = $"SIP{space}/{space}2.0{space}/{space}{transport} {host}{(port is null ? "" : ":" + port)}{space};{space}branch=z9hG4bK{branch};rport";

            Assert.True(SipVia.TryParse(text, out SipVia? via), text);
            Assert.Equal(transport.ToUpperInvariant(), via.Transport);
            Assert.Equal(host, via.Host);
            Assert.Equal(port, via.Port);
            Assert.Equal("z9hG4bK" + branch, via.Branch);
            Assert.True(via.Parameters.Contains("rport"));
        }, iter: 2_000);
    }

    [Fact]
    public void StreamFraming_MessagesSplitAtAnyByte_ComeBackWhole()
    {
        // TCP delivers bytes, not messages (RFC 3261 §18.3): any split of two back-to-back messages yields both, intact.
        Gen<byte[]> body = Gen.Byte.Array[0, 300];
        Gen.Select(body, body, Token, Gen.Int[1, 1000]).Sample((firstBody, secondBody, callId, split) =>
        {
            byte[] first = Message("INVITE", callId, firstBody);
            byte[] second = Message("BYE", callId + "2", secondBody);
            byte[] wire = [.. "\r\n"u8, .. first, .. second];
            int cut = split % (wire.Length + 1);

            var received = new List<SipMessage>();
            byte[] pending = [];
            foreach (byte[] chunk in (byte[][])[wire[..cut], wire[cut..]])
            {
                pending = [.. pending, .. chunk];
                while (true)
                {
                    SipParseResult result = SipMessageParser.Parse(pending, SipFraming.Stream);
                    Assert.NotEqual(SipParseStatus.Invalid, result.Status);
                    if (result.Status == SipParseStatus.Incomplete)
                    {
                        break;
                    }

                    if (result.Message is not null)
                    {
                        received.Add(result.Message);
                    }

                    pending = pending[result.BytesConsumed..];
                }
            }

            Assert.Empty(pending);
            Assert.Equal(2, received.Count);
            Assert.Equal(firstBody, received[0].Body.ToArray());
            Assert.Equal(secondBody, received[1].Body.ToArray());
            Assert.Equal(callId + "2", received[1].CallId);
        }, iter: 1_000);
    }

    private static byte[] Message(string method, string callId, byte[] body) =>
    [
        .. Encoding.ASCII.GetBytes(
            $"{method} sip:door@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK{callId}\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\n" +
            $"To: <sip:door@127.0.0.1>\r\nCall-ID: {callId}\r\nCSeq: 1 {method}\r\nContent-Length: {body.Length}\r\n\r\n"),
        .. body,
    ];

    private static string Format((string Name, string? Value)[] parameters)
    {
        var text = new StringBuilder();
        foreach ((string name, string? value) in parameters)
        {
            text.Append(';').Append(name);
            if (value is not null)
            {
                text.Append('=').Append(value);
            }
        }

        return text.ToString();
    }
}
