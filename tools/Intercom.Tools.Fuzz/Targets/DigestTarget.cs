using System.Text;
using Intercom.Sip.Authentication;
using Intercom.Sip.Messages;
using Intercom.Tools.Fuzz.Engine;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>
/// Digest authentication as the user agent meets it: a 401 carrying the fuzzed WWW-Authenticate line is parsed
/// by the SIP parser, its challenge by <see cref="SipDigestChallenge"/>, and the credentials we would send back
/// are built and parsed again. Properties: the credentials name the same realm, nonce and opaque as the
/// challenge (escaping is right), carry no CR or LF (no header injection into our request) and the
/// response hash has the algorithm's length.
/// </summary>
internal sealed class DigestTarget : IFuzzTarget
{
    private static readonly byte[] Head = Encoding.ASCII.GetBytes(
        "SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>;tag=2\r\n" +
        "Call-ID: c\r\nCSeq: 1 REGISTER\r\nWWW-Authenticate: ");

    private static readonly byte[] Tail = Encoding.ASCII.GetBytes("\r\nContent-Length: 0\r\n\r\n");

    public string Name => "digest";

    public string Description => "WWW-Authenticate challenges and the Authorization we answer with; escaping, no injection";

    public int MaximumInputLength => 8 * 1024;

    public bool IsText => true;

    public IReadOnlyList<byte[]> Dictionary { get; } = SeedResources.Tokens(
        "Digest ", "realm=", "nonce=", "opaque=", "algorithm=", "qop=", "stale=", "domain=", "\"", "\\", ",", "=", " ",
        "MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256", "auth", "auth-int", "\"auth,auth-int\"", "true", "\r\n ",
        "\\\"", "\r");

    public IReadOnlyList<byte[]> CreateSeeds() => SeedResources.Tokens(
        "Digest realm=\"atlanta.example.com\", nonce=\"84a4cc6f3082121f32b42a2187831a9e\", algorithm=MD5, qop=\"auth\"",
        "Digest realm=\"fritz.box\",nonce=\"3F2E6B1C\",opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
        "Digest realm=\"sip.example\", nonce=\"abc\", algorithm=SHA-256, qop=\"auth,auth-int\", stale=TRUE",
        "digest realm=asterisk,nonce=1a2b3c,algorithm=md5-sess",
        "Digest realm=\"a\\\"b\", nonce=\"n\\\\x\", opaque=\"\"");

    public string Run(ReadOnlySpan<byte> input)
    {
        byte[] response = [.. Head, .. input, .. Tail];
        SipParseResult parsed = SipMessageParser.Parse(response, SipFraming.Datagram);
        if (parsed.Status != SipParseStatus.Complete)
        {
            return OutcomeLabel.Of("not a message", parsed.Reason);
        }

        string outcome = "no challenge";
        foreach (ReadOnlySpan<byte> line in parsed.Message!.GetHeaderLines(SipHeaderKind.WwwAuthenticate))
        {
            outcome = CheckChallenge(Encoding.UTF8.GetString(line));
        }

        return outcome;
    }

    private static string CheckChallenge(string header)
    {
        if (!SipDigestChallenge.TryParse(header, out SipDigestChallenge? challenge))
        {
            return "challenge rejected";
        }

        var authenticator = new SipDigestAuthenticator();
        string authorization = authenticator.CreateAuthorization(challenge, "door\"1", "secret", "REGISTER", "sip:registrar.example", "0a4f113b");
        // (A NUL may come back: RFC 3261 §25.1 lets the server send one as a quoted-pair, and we only echo it to that server.)
        foreach (char c in authorization)
        {
            FuzzPropertyException.Check(c is not ('\r' or '\n'), "credentials carry no CR or LF", () => authorization.Replace("\r", "\\r", StringComparison.Ordinal));
        }

        FuzzPropertyException.Check(authorization.StartsWith("Digest ", StringComparison.Ordinal), "credentials start with Digest");
        Dictionary<string, string> fields = SipDigestChallenge.ParseParameters(authorization.AsSpan(7));
        FuzzPropertyException.Check(fields.GetValueOrDefault("realm") == challenge.Realm.Trim(), "credentials name the challenge's realm",
            () => $"'{challenge.Realm}' became '{fields.GetValueOrDefault("realm")}'");
        FuzzPropertyException.Check(fields.GetValueOrDefault("nonce") == challenge.Nonce.Trim(), "credentials echo the challenge's nonce",
            () => $"'{challenge.Nonce}' became '{fields.GetValueOrDefault("nonce")}'");
        FuzzPropertyException.Check(challenge.Opaque is null || fields.GetValueOrDefault("opaque") == challenge.Opaque.Trim(), "credentials echo the challenge's opaque");
        FuzzPropertyException.Check(fields.GetValueOrDefault("username") == "door\"1", "credentials keep the user name");
        int hashLength = challenge.Algorithm is SipDigestAlgorithm.Md5 or SipDigestAlgorithm.Md5Session ? 32 : 64;
        FuzzPropertyException.Check(fields.GetValueOrDefault("response")?.Length == hashLength, "the response hash has the algorithm's length");
        return $"challenge {challenge.Algorithm}{(challenge.QopAuth ? " qop" : "")}{(challenge.Stale ? " stale" : "")}";
    }
}
