using System.Net;
using Intercom.Sip.Messages;
using Intercom.Sip.Transport;
using Intercom.Sip.UserAgent;
using Intercom.Station.Configuration;
using Intercom.Station.Inbound;

namespace Intercom.Station.Tests;

public sealed class InboundCallPolicyTests
{
    private static SipIncomingCallInfo Invite(string from, string? viaAccount)
    {
        Assert.True(SipNameAddress.TryParse(from, out var address));
        Assert.True(SipUri.TryParse("sip:door@192.0.2.10", out var requestUri));
        return new SipIncomingCallInfo(address, requestUri, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060), SipTransportKind.Udp, viaAccount);
    }

    private static readonly InboundPolicyOptions Options = new()
    {
        Callers =
        [
            new InboundCallerOptions { Caller = "+49 30 1234-567", Account = "fritz", Mode = InboundCallMode.ListenOnly },
            new InboundCallerOptions { Caller = "**610", MayOpenDoor = true },
        ],
    };

    [Theory]
    [InlineData("<sip:0049-30-1234567@fritz.box>;tag=1", "fritz", true)]
    [InlineData("\"Kitchen\" <sip:%2B49301234567@fritz.box>;tag=1", "fritz", true)]
    [InlineData("<sip:+49301234567@fritz.box>;tag=1", "pbx2", false)]
    [InlineData("<sip:+49301234567@203.0.113.9>;tag=1", null, false)]
    [InlineData("<sip:**610@fritz.box>;tag=1", null, true)]
    [InlineData("<sip:611@fritz.box>;tag=1", "fritz", false)]
    [InlineData("<sip:scanner@203.0.113.9>;tag=1", null, false)]
    public void Decide_AllowListByAccountAndNormalisedCaller_OthersGet403(string from, string? account, bool allowed)
    {
        var decision = new InboundCallPolicy(Options).Decide(Invite(from, account));

        Assert.Equal(allowed, decision.Accept);
        Assert.Equal(allowed ? 0 : 403, decision.StatusCode);
    }

    [Fact]
    public void Find_OnlyFromRegistrar_RefusesDirectInvitesEvenFromListedCallers()
    {
        var policy = new InboundCallPolicy(new InboundPolicyOptions { Callers = Options.Callers, OnlyFromRegistrar = true });

        Assert.Null(policy.Find(Invite("<sip:**610@198.51.100.7>;tag=1", null)));
        Assert.True(policy.Find(Invite("<sip:**610@fritz.box>;tag=1", "fritz"))!.MayOpenDoor);
        Assert.Equal(InboundCallMode.ListenOnly, policy.Find(Invite("<sip:+49301234567@fritz.box>;tag=1", "fritz"))!.Mode);
    }
}
