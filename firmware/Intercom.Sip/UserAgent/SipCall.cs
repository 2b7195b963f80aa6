using System.Threading.Channels;
using Intercom.Sip.Core;
using Intercom.Sip.Dialogs;
using Intercom.Sip.Messages;
using Intercom.Sip.Transport;

namespace Intercom.Sip.UserAgent;

/// <summary>
/// One call (an INVITE dialog), outgoing or incoming. Operations return tasks; things the peer does arrive
/// on <see cref="Events"/>. All state changes run on the user agent's loop.
/// </summary>
public sealed partial class SipCall
{
    private readonly SipUserAgent _agent;
    private readonly Channel<SipCallEvent> _events = Channel.CreateUnbounded<SipCallEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource<SipResponseInfo> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SipCallEndedEvent> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SipDialog? _dialog;
    private SipTimer? _sessionTimer;
    private TimeSpan _sessionInterval;
    private bool _weRefresh;

    private SipCall(SipUserAgent agent, SipCallDirection direction, string callId, SipAccount? account, SipNameAddress remote, SipTransportKind transport)
    {
        _agent = agent;
        Direction = direction;
        CallId = callId;
        Account = account;
        Remote = remote;
        Transport = transport;
    }

    /// <summary>Outgoing or incoming.</summary>
    public SipCallDirection Direction { get; }

    /// <summary>The Call-ID.</summary>
    public string CallId { get; }

    /// <summary>The account the call belongs to, or null for a direct IP call without account.</summary>
    public SipAccount? Account { get; }

    /// <summary>The peer: To of an outgoing call, From of an incoming one.</summary>
    public SipNameAddress Remote { get; }

    /// <summary>The transport of the dialog's first hop.</summary>
    public SipTransportKind Transport { get; }

    /// <summary>Current state (read from any thread; changes on the loop).</summary>
    public SipCallState State { get; private set; } = SipCallState.Calling;

    /// <summary>Our last offer or answer.</summary>
    public SipBody? LocalBody { get; private set; }

    /// <summary>The peer's last offer or answer (from 183, 200, ACK, re-INVITE).</summary>
    public SipBody? RemoteBody { get; private set; }

    /// <summary>Events from the peer: provisional responses, answer, INFO, re-INVITE, end.</summary>
    public ChannelReader<SipCallEvent> Events => _events.Reader;

    /// <summary>The final response to the initial INVITE (sent by the peer for outgoing calls, by us for incoming ones).</summary>
    public Task<SipResponseInfo> Outcome => _outcome.Task;

    /// <summary>Completes when the call ends, with the reason.</summary>
    public Task<SipCallEndedEvent> Ended => _ended.Task;

    /// <summary>
    /// Answers or refuses a re-INVITE or UPDATE offer from the peer (runs on the loop: keep it quick). A body
    /// converts to an accepting reply; <see cref="SipOfferReply.Refuse"/> sends 488 with a Warning and keeps the
    /// session as it was (RFC 3264 §8). When null, or when it returns null, the call answers with
    /// <see cref="LocalBody"/> unchanged. Cleared when the call ends.
    /// </summary>
    public Func<SipBody?, SipOfferReply?>? OfferAnswerer { get; set; }

    /// <summary>The session interval in force (RFC 4028), or zero.</summary>
    public TimeSpan SessionInterval => _sessionInterval;

    /// <summary>Ends the call whatever its state: CANCEL before an answer, reject an unanswered incoming call, BYE after.</summary>
    public Task HangUpAsync() => _agent.Loop.InvokeAsync(HangUpOnLoop);

    /// <summary>Sends a re-INVITE with a new offer (hold/unhold); completes with the final response.</summary>
    public Task<SipResponseInfo> ReInviteAsync(SipBody offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var result = new TaskCompletionSource<SipResponseInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        _agent.Loop.Post(() => SendReInvite(offer, result));
        return result.Task;
    }

    /// <summary>Sends INFO in the dialog (e.g. DTMF as application/dtmf-relay); completes with the final response.</summary>
    public Task<SipResponseInfo> SendInfoAsync(SipBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = new TaskCompletionSource<SipResponseInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        _agent.Loop.Post(() => SendInDialog(SipMethods.Info, body, result));
        return result.Task;
    }

    /// <summary>Sends OPTIONS in the dialog (a liveness check); completes with the final response.</summary>
    public Task<SipResponseInfo> SendOptionsAsync()
    {
        var result = new TaskCompletionSource<SipResponseInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        _agent.Loop.Post(() => SendInDialog(SipMethods.Options, null, result));
        return result.Task;
    }

    internal void Emit(SipCallEvent callEvent) => _events.Writer.TryWrite(callEvent);

    internal void Terminate(SipCallEndReason reason, int statusCode, string reasonPhrase)
    {
        if (State == SipCallState.Terminated)
        {
            return;
        }

        State = SipCallState.Terminated;
        StopCallTimers();

        // RFC 6026 §7.2: the INVITE client transaction keeps this call for Timer M (32 s) after the 2xx. The answerer
        // is the media layer's callback: dropping it lets the ended call's media (sockets already closed, buffers
        // back in their pool) be collected now instead of half a minute later.
        OfferAnswerer = null;
        _agent.RemoveCall(this);
        var ended = new SipCallEndedEvent(reason, statusCode, reasonPhrase);
        _outcome.TrySetResult(new SipResponseInfo(statusCode, reasonPhrase, null));
        Emit(ended);
        _events.Writer.TryComplete();
        _ended.TrySetResult(ended);
    }

    internal static SipBody? BodyOf(SipMessage message) =>
        message.Body.IsEmpty ? null : new SipBody(message.ContentType ?? "application/octet-stream", message.Body.ToArray());

    private static SipResponseInfo InfoOf(SipMessage response) =>
        new(response.StatusCode, response.ReasonPhrase, BodyOf(response)) { Warning = SipWarning.TextOf(response.GetHeader(SipHeaderKind.Warning)) };

    private void StopCallTimers()
    {
        _sessionTimer?.Dispose();
        _sessionTimer = null;
        _retransmitTimer?.Dispose();
        _retransmitTimer = null;
        _ackTimeoutTimer?.Dispose();
        _ackTimeoutTimer = null;
    }

    private void HangUpOnLoop()
    {
        switch (State)
        {
            case SipCallState.Terminated:
                return;
            case SipCallState.Calling or SipCallState.Early when Direction == SipCallDirection.Outgoing:
                CancelOutgoing();
                return;
            case SipCallState.Calling or SipCallState.Early:
                RejectIncoming(603);
                return;
            default:
                SendBye(SipCallEndReason.LocalHangUp, 200, "BYE sent");
                return;
        }
    }

    private void SendBye(SipCallEndReason reason, int statusCode, string reasonPhrase)
    {
        if (_dialog is not null)
        {
            SipMessageBuilder bye = _dialog.CreateRequest(SipMethods.Bye, out SipUri nextHop);
            bye.Add(SipHeaderKind.UserAgent, _agent.Options.ProductName);
            new SipRequestClient(_agent, bye, nextHop, PreferenceFor(nextHop), Account, null, DialogFlow(), static _ => { }, static _ => { }).Start();
        }

        Terminate(reason, statusCode, reasonPhrase);
    }

    private Configuration.SipTransportPreference PreferenceFor(SipUri nextHop)
    {
        if (nextHop.Transport is not null || nextHop.IsSecure)
        {
            return Configuration.SipTransportPreference.Auto;
        }

        return Transport switch
        {
            SipTransportKind.Tcp => Configuration.SipTransportPreference.Tcp,
            SipTransportKind.Tls => Configuration.SipTransportPreference.Tls,
            _ => Configuration.SipTransportPreference.Udp,
        };
    }
}
