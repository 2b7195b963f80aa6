using System.Text;
using Intercom.Sip.Diagnostics;

namespace Intercom.Sip.Tests.Diagnostics;

public sealed class SipTraceTests
{
    [Fact]
    public void Redact_AuthorizationHeaders_CredentialsRemoved()
    {
        const string message =
            "REGISTER sip:fritz.box SIP/2.0\r\n" +
            "Authorization: Digest username=\"620\", realm=\"fritz.box\", nonce=\"abc\", response=\"0123456789abcdef0123456789abcdef\"\r\n" +
            "proxy-authorization: Digest username=\"620\", response=\"fedcba9876543210fedcba9876543210\"\r\n" +
            "Call-ID: x\r\n\r\nbody";

        string redacted = SipTrace.Redact(Encoding.ASCII.GetBytes(message));

        Assert.DoesNotContain("0123456789abcdef", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("fedcba9876543210", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("nonce", redacted, StringComparison.Ordinal);
        Assert.Contains("Authorization: Digest <redacted>", redacted, StringComparison.Ordinal);
        Assert.Contains("Call-ID: x", redacted, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nbody", redacted, StringComparison.Ordinal);
    }
}
