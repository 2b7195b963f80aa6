using Intercom.Sip.UserAgent;
using Intercom.Station.Calls;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Adapters;

/// <summary>
/// Failover between the SIP accounts: a target without its own account goes out through the first usable account
/// (registered, or one that needs no registrar); when that attempt fails before the callee rang, because the account's
/// server could not be reached or could not serve it, the next usable account tries the same target.
/// </summary>
public sealed partial class SipCallLeg
{
    private async Task DialWithFailoverAsync(SipUserAgent agent, CallTargetOptions target)
    {
        // A target pinned to an account stays there; the others follow the accounts' failover order.
        var mayFailOver = target.Account is null;
        var account = target.Account ?? agent.SelectAccount()?.Name;
        var tried = new List<string>(2);
        while (true)
        {
            if (account is not null)
            {
                tried.Add(account);
            }

            var request = new SipCallRequest { Target = target.Target, AccountName = account };
            var failed = await RunAsync(() => _calls.DialAsync(agent, request), mayFailOver).ConfigureAwait(false);
            if (failed is null)
            {
                return;
            }

            bool hangUpRequested;
            lock (_gate)
            {
                _call = null;
                hangUpRequested = _hangUpRequested;
            }

            var next = hangUpRequested ? null : NextAccount(agent, tried);
            if (next is null)
            {
                End(Map(failed), failed.StatusCode, failed.Detail);
                return;
            }

            StationMetrics.AccountFailovers.Add(1);
            AccountFailover(_logger, Peer, account ?? "-", failed.StatusCode, failed.Detail, next);
            account = next;
        }
    }

    /// <summary>
    /// True when the account's path failed rather than the callee: no response or a transport error, 408, or a 5xx
    /// (RFC 3261 §21.5: the server failed). Only before the callee rang: RFC 3263 §4.3 does not retry elsewhere after
    /// a provisional response either. Busy, declined, not found and media refusals are the callee's answer.
    /// </summary>
    private bool IsAccountFailure(MediaCallEnd end)
    {
        lock (_gate)
        {
            if (_ringing || _hangUpRequested)
            {
                return false;
            }
        }

        return end.Reason switch
        {
            MediaCallEndReason.Failed => true,
            MediaCallEndReason.Timeout => end.StatusCode is 0 or 408,
            MediaCallEndReason.Rejected => end.StatusCode is 408 or (>= 500 and < 600),
            _ => false,
        };
    }

    private static string? NextAccount(SipUserAgent agent, List<string> tried)
    {
        foreach (var account in agent.Accounts)
        {
            if (account.Options.Enabled && (account.IsRegistered || !account.Registers) && !tried.Contains(account.Name))
            {
                return account.Name;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Call to {Peer} through account {Account} failed ({StatusCode} {Detail}); trying account {Next}")]
    private static partial void AccountFailover(ILogger logger, string peer, string account, int statusCode, string detail, string next);
}
