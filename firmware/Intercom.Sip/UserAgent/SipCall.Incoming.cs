using System.Globalization;
using Intercom.Sip.Dialogs;
using Intercom.Sip.Messages;
using Intercom.Sip.Transactions;
using Intercom.Sip.Transport;

namespace Intercom.Sip.UserAgent;

/// <summary>The UAS side of the initial INVITE (RFC 3261 §13.3).</summary>
public sealed partial class SipCall
{
    private ServerInviteTransaction? _serverInvite;
    private SipMessage? _inviteMessage;
    private SipFlow? _inboundFlow;
    private string? _contactUser;

    /// <summary>The INVITE that started an incoming call (null for outgoing calls).</summary>
    public SipMessage? IncomingInvite => _inviteMessage;

    /// <summary>Sends 180 Ringing, or 183 Session Progress with an early-media body.</summary>
    public Task RingAsync(SipBody? earlyMedia = null) => _agent.Loop.InvokeAsync(() =>
    {
        if (Direction != SipCallDirection.Incoming || State is not (SipCallState.Calling or SipCallState.Early))
        {
            throw new InvalidOperationException("Only an unanswered incoming call can ring.");
        }

        State = SipCallState.Early;
        if (earlyMedia is not null)
        {
            LocalBody = earlyMedia;
        }

        _serverInvite!.Respond(BuildInviteResponse(earlyMedia is null ? 180 : 183, earlyMedia));
    });

    /// <summary>Answers an incoming call with 200 OK and the given answer (usually SDP).</summary>
    public Task AnswerAsync(SipBody? answer) => _agent.Loop.InvokeAsync(() =>
    {
        if (Direction != SipCallDirection.Incoming || State is not (SipCallState.Calling or SipCallState.Early))
        {
            throw new InvalidOperationException("Only an unanswered incoming call can be answered.");
        }

        LocalBody = answer ?? LocalBody;
        State = SipCallState.Established;
        SipMessageBuilder ok = BuildInviteResponse(200, LocalBody);
        AddSessionTimerToAnswer(ok, _inviteMessage!);
        _serverInvite!.Respond(ok);
        _outcome.TrySetResult(new SipResponseInfo(200, "OK", LocalBody));
        Start2xxRetransmission(ok.ToArray(), _serverInvite.Flow, 0);
    });

    /// <summary>
    /// Rejects an unanswered incoming call (486 Busy Here by default). A <paramref name="warning"/> goes into a
    /// Warning header (RFC 3261 §20.43), e.g. why a 488 refused the offer.
    /// </summary>
    public Task RejectAsync(int statusCode = 486, string? warning = null) => _agent.Loop.InvokeAsync(() => RejectIncoming(statusCode, warning));

    internal static SipCall? CreateIncoming(SipUserAgent agent, SipAccount? account, ServerInviteTransaction transaction, SipMessage invite, SipFlow flow)
    {
        SipDialog? dialog = SipDialog.ForUas(invite, SipUserAgent.NewToken(10));
        if (dialog is null)
        {
            return null;
        }

        var call = new SipCall(agent, SipCallDirection.Incoming, invite.CallId, account, invite.From!, flow.Transport)
        {
            _dialog = dialog,
            _serverInvite = transaction,
            _inviteMessage = invite,
            _inboundFlow = flow,
            RemoteBody = BodyOf(invite),
            _contactUser = account?.Options.User ?? (SipUri.TryParse(invite.RequestUri, out SipUri? uri) ? uri.User : null) ?? "intercom",
        };
        return call;
    }

    /// <summary>RFC 3261 §9.2: the caller cancelled before we answered.</summary>
    internal void OnRemoteCancel()
    {
        if (State is SipCallState.Calling or SipCallState.Early && _serverInvite is { State: ServerInviteState.Proceeding })
        {
            _serverInvite.Respond(BuildInviteResponse(487, null));
            Terminate(SipCallEndReason.RemoteCancelled, 487, "Request Terminated");
        }
    }

    private void RejectIncoming(int statusCode, string? warning = null)
    {
        if (Direction != SipCallDirection.Incoming || State is not (SipCallState.Calling or SipCallState.Early) || statusCode < 300)
        {
            return;
        }

        SipMessageBuilder response = BuildInviteResponse(statusCode, null);
        if (!string.IsNullOrWhiteSpace(warning))
        {
            response.Add(SipHeaderKind.Warning, SipWarning.Format(SipWarning.Miscellaneous, _agent.Options.ProductName, warning));
        }

        _serverInvite!.Respond(response);
        Terminate(SipCallEndReason.LocalRejected, statusCode, SipReasonPhrases.For(statusCode));
    }

    private SipMessageBuilder BuildInviteResponse(int statusCode, SipBody? body)
    {
        SipMessageBuilder response = SipMessageBuilder.ResponseTo(_inviteMessage!, statusCode, null, _dialog!.LocalTag);
        if (statusCode < 300)
        {
            response.Add(SipHeaderKind.Contact, _agent.ContactFor(_inboundFlow!, _contactUser));
            response.Add(SipHeaderKind.Allow, SipUserAgent.AllowedMethods);
            response.Add(SipHeaderKind.Supported, "timer");
        }

        response.Add(SipHeaderKind.Server, _agent.Options.ProductName);
        if (body is not null)
        {
            response.WithBody(body.ContentType, body.Content);
        }

        return response;
    }

    /// <summary>RFC 4028 §9: accept the caller's session interval and name the refresher in the 2xx.</summary>
    private void AddSessionTimerToAnswer(SipMessageBuilder response, SipMessage request)
    {
        if (!request.TryGetHeader(SipHeaderKind.SessionExpires, out ReadOnlySpan<byte> value))
        {
            return;
        }

        string text = System.Text.Encoding.ASCII.GetString(value);
        int semicolon = text.IndexOf(';', StringComparison.Ordinal);
        if (!long.TryParse(semicolon < 0 ? text.Trim() : text[..semicolon].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) || seconds <= 0)
        {
            return;
        }

        string? requested = semicolon < 0 ? null : SipParameters.TryParse(text.AsSpan(semicolon), out SipParameters? p) ? p.Get("refresher") : null;
        bool peerSupportsTimer = false;
        foreach (ReadOnlySpan<byte> option in request.GetHeaderValues(SipHeaderKind.Supported))
        {
            peerSupportsTimer |= option.SequenceEqual("timer"u8);
        }

        string refresher = requested ?? (peerSupportsTimer ? "uac" : "uas");
        response.Add(SipHeaderKind.SessionExpires, string.Create(CultureInfo.InvariantCulture, $"{seconds};refresher={refresher}"));
        if (peerSupportsTimer)
        {
            response.Add(SipHeaderKind.Require, "timer");
        }

        ArmSessionTimer(TimeSpan.FromSeconds(seconds), weRefresh: refresher == "uas");
    }
}
