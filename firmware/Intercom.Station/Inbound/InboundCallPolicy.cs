using Intercom.Sip.UserAgent;
using Intercom.Station.Configuration;

namespace Intercom.Station.Inbound;

/// <summary>
/// Who may call the door station (PRODUCT.md: caller ID is not authentication, SIP scanners ring exposed devices).
/// A caller is allowed when an entry of <c>station.inbound.callers</c> matches its normalised user part and, when
/// the entry names an account, the INVITE came from that account's registrar or proxy. With
/// <c>onlyFromRegistrar</c>, direct INVITEs (from no account's server) are refused whatever the caller.
/// </summary>
public sealed class InboundCallPolicy
{
    private readonly InboundPolicyOptions _options;

    /// <summary>Creates the policy from <c>station.inbound</c>.</summary>
    public InboundCallPolicy(InboundPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The allow-list entry for this INVITE, or null: refuse with 403.</summary>
    public InboundCallerOptions? Find(SipIncomingCallInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (_options.OnlyFromRegistrar && info.ViaAccount is null)
        {
            return null;
        }

        var user = info.From.Uri.User;
        foreach (var caller in _options.Callers)
        {
            if (caller.Account is string account && !string.Equals(account, info.ViaAccount, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (CallerNumber.Matches(caller.Caller, user))
            {
                return caller;
            }
        }

        return null;
    }

    /// <summary>The verdict for <see cref="SipUserAgent.InboundPolicy"/>: allowed, or 403 Forbidden (RFC 3261 §21.4.4).</summary>
    public SipInboundDecision Decide(SipIncomingCallInfo info) => Find(info) is null ? SipInboundDecision.Forbidden : SipInboundDecision.Allow;
}
