using Intercom.Sip.Messages;
using Intercom.Sip.Transactions;
using Intercom.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Intercom.Sip.UserAgent;

/// <summary>Everything that arrives: responses to the transaction layer, requests to the UAS core (RFC 3261 §8.2).</summary>
public sealed partial class SipUserAgent
{
    private static readonly string[] SupportedExtensions = ["timer"];

    private void HandleMessage(SipMessage message, SipFlow flow)
    {
        if (Volatile.Read(ref _stopped) == 1 && message.IsRequest && message.Method != SipMethods.Ack)
        {
            return;
        }

        if (message.IsResponse)
        {
            HandleResponse(message);
            return;
        }

        SipValidationResult validation = SipMessageValidator.Validate(message);
        if (!validation.IsValid)
        {
            Metrics.Malformed();
            SourceFailed(flow, validation.StatusCode);
            LogRejected(message.Method, flow, validation.StatusCode, validation.Reason ?? string.Empty);
            if (message.Method != SipMethods.Ack && message.CountHeaderLines(SipHeaderKind.Via) > 0)
            {
                // RFC 3261 §8.2: answer a broken request statelessly where we can address a response.
                SendRaw(flow, SipMessageBuilder.ResponseTo(message, validation.StatusCode, validation.Reason).ToArray());
            }

            return;
        }

        HandleRequest(message, flow);
    }

    private void HandleResponse(SipMessage response)
    {
        // RFC 3261 §18.1.2: a response whose top Via is not ours, or with more than one Via, is discarded.
        if (response.CountHeaderLines(SipHeaderKind.Via) != 1 && !HasSingleVia(response))
        {
            Metrics.Dropped();
            return;
        }

        if (Transactions.TryDeliverResponse(response))
        {
            return;
        }

        if (response.StatusCode is >= 200 and < 300 && response.CSeq?.Method == SipMethods.Invite && _calls.TryGetValue(response.CallId, out SipCall? call))
        {
            call.OnStrayInviteSuccess(response);
            return;
        }

        Metrics.Dropped();
    }

    private static bool HasSingleVia(SipMessage response)
    {
        int count = 0;
        foreach (ReadOnlySpan<byte> value in response.GetHeaderValues(SipHeaderKind.Via))
        {
            _ = value;
            count++;
        }

        return count == 1;
    }

    private void HandleRequest(SipMessage request, SipFlow flow)
    {
        if (request.Method == SipMethods.Ack)
        {
            SipServerTransaction? invite = Transactions.Find(request);
            if (invite is not null)
            {
                invite.ReceiveRequest(request);
            }
            else if (_calls.TryGetValue(request.CallId, out SipCall? call) && call.MatchesDialog(request))
            {
                call.OnAck(request);
            }
            else
            {
                Metrics.Dropped();
            }

            return;
        }

        SipServerTransaction? existing = Transactions.Find(request);
        if (existing is not null)
        {
            existing.ReceiveRequest(request);
            return;
        }

        // A burst is parsed and queued before its first requests are judged: look at the ban again on the loop.
        if (BanList.IsBanned(flow.Remote.Address))
        {
            Metrics.BanDropped();
            return;
        }

        // Retransmissions and ACKs are handled above; every new request takes a token of its source.
        if (!BanList.TryAdmitRequest(flow.Remote.Address))
        {
            Metrics.Dropped();
            return;
        }

        if (request.Method == SipMethods.Cancel)
        {
            HandleCancel(request, flow);
            return;
        }

        // RFC 3261 §16.3 / RFC 4475 §3.3.14: a request whose Max-Forwards reached zero is not for us to loop.
        if (request.TryGetHeader(SipHeaderKind.MaxForwards, out ReadOnlySpan<byte> hops) && SipGrammar.Trim(hops).SequenceEqual("0"u8) && request.Method != SipMethods.Options)
        {
            SourceFailed(flow, 483);
            SendRaw(flow, SipMessageBuilder.ResponseTo(request, 483).ToArray());
            return;
        }

        // RFC 3261 §8.2.2.3: an extension in Require we do not know gets 420 with Unsupported.
        List<string> unsupported = [];
        foreach (ReadOnlySpan<byte> option in request.GetHeaderValues(SipHeaderKind.Require))
        {
            string name = System.Text.Encoding.ASCII.GetString(option);
            if (!SupportedExtensions.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                unsupported.Add(name);
            }
        }

        if (unsupported.Count > 0)
        {
            SourceFailed(flow, 420);
            SendRaw(flow, SipMessageBuilder.ResponseTo(request, 420).Add(SipHeaderKind.Unsupported, string.Join(", ", unsupported)).ToArray());
            return;
        }

        // Bounded table: outside a dialog, a full table drops new requests (a flood must not grow it without end).
        if (request.To?.Tag is null && Transactions.ServerCount >= Options.MaximumServerTransactions)
        {
            Metrics.Overloaded();
            if (_overloadLog.TryAcquire(out int suppressed))
            {
                LogOverloaded(request.Method, flow, Transactions.ServerCount, suppressed);
            }

            return;
        }

        SipServerTransaction transaction = Transactions.CreateServer(request, flow);
        if (request.To?.Tag is not null)
        {
            HandleInDialog(transaction, request);
            return;
        }

        switch (request.Method)
        {
            case SipMethods.Invite:
                HandleNewInvite((ServerInviteTransaction)transaction, request, flow);
                break;
            case SipMethods.Options:
                // The issue: OPTIONS reveals no account: no Contact, no user names.
                transaction.Respond(SipMessageBuilder.ResponseTo(request, 200, null, NewToken(10))
                    .Add(SipHeaderKind.Allow, AllowedMethods)
                    .Add(SipHeaderKind.Accept, string.Join(", ", Options.AcceptedContentTypes))
                    .Add(SipHeaderKind.Supported, "timer"));
                break;
            case SipMethods.Bye or SipMethods.Info or SipMethods.Update:
                SourceFailed(flow, 481);
                transaction.Respond(SipMessageBuilder.ResponseTo(request, 481));
                break;
            case SipMethods.Register or SipMethods.Subscribe or SipMethods.Notify or SipMethods.Refer or SipMethods.Message or SipMethods.Prack:
                // The issue: REGISTER gets the same 405 whatever the user, so svwar learns nothing.
                SourceFailed(flow, 405);
                transaction.Respond(SipMessageBuilder.ResponseTo(request, 405).Add(SipHeaderKind.Allow, AllowedMethods));
                break;
            default:
                SourceFailed(flow, 501);
                transaction.Respond(SipMessageBuilder.ResponseTo(request, 501).Add(SipHeaderKind.Allow, AllowedMethods));
                break;
        }
    }

    private void HandleInDialog(SipServerTransaction transaction, SipMessage request)
    {
        if (_calls.TryGetValue(request.CallId, out SipCall? call) && call.MatchesDialog(request))
        {
            call.OnInDialogRequest(transaction, request);
            return;
        }

        // RFC 3261 §12.2.2: no such dialog.
        SourceFailed(transaction.Flow, 481);
        transaction.Respond(SipMessageBuilder.ResponseTo(request, 481));
    }

    private void HandleCancel(SipMessage cancel, SipFlow flow)
    {
        ServerInviteTransaction? invite = Transactions.FindInviteForCancel(cancel);
        SipServerTransaction transaction = Transactions.CreateServer(cancel, flow);
        if (invite is null)
        {
            SourceFailed(flow, 481);
            transaction.Respond(SipMessageBuilder.ResponseTo(cancel, 481));
            return;
        }

        // RFC 3261 §9.2: 200 for the CANCEL, then 487 for the INVITE if it is still pending.
        transaction.Respond(SipMessageBuilder.ResponseTo(cancel, 200));
        if (_calls.TryGetValue(cancel.CallId, out SipCall? call) && call.Direction == SipCallDirection.Incoming)
        {
            call.OnRemoteCancel();
        }
        else if (invite.State == ServerInviteState.Proceeding)
        {
            invite.Respond(SipMessageBuilder.ResponseTo(invite.Request, 487, null, NewToken(10)));
        }
    }

    private void HandleNewInvite(ServerInviteTransaction transaction, SipMessage invite, SipFlow flow)
    {
        transaction.Start();
        string toTag = NewToken(10);

        // RFC 3261 §8.2.3: a body we cannot read gets 415 with Accept.
        string? contentType = invite.ContentType;
        if (!invite.Body.IsEmpty && (contentType is null || !Options.AcceptedContentTypes.Any(t => contentType.StartsWith(t, StringComparison.OrdinalIgnoreCase))))
        {
            SourceFailed(flow, 415);
            transaction.Respond(SipMessageBuilder.ResponseTo(invite, 415, null, toTag).Add(SipHeaderKind.Accept, string.Join(", ", Options.AcceptedContentTypes)));
            return;
        }

        if (_calls.ContainsKey(invite.CallId))
        {
            // RFC 3261 §8.2.2.2: a merged request (same Call-ID, new branch) gets 482.
            SourceFailed(flow, 482);
            transaction.Respond(SipMessageBuilder.ResponseTo(invite, 482, null, toTag));
            return;
        }

        if (!SipUri.TryParse(invite.RequestUri, out SipUri? requestUri))
        {
            SourceFailed(flow, 400);
            transaction.Respond(SipMessageBuilder.ResponseTo(invite, 400, "Malformed Request-URI", toTag));
            return;
        }

        SipAccount? viaAccount = _accounts.FirstOrDefault(a => a.ServerEndPoint is { } server && server.Address.Equals(flow.Remote.Address));
        var info = new SipIncomingCallInfo(invite.From!, requestUri, flow.Remote, flow.Transport, viaAccount?.Name);
        SipInboundDecision decision;
        try
        {
            decision = InboundPolicy(info);
        }
#pragma warning disable CA1031 // A faulty policy must fail closed, not crash the loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPolicyFailed(ex);
            decision = SipInboundDecision.Forbidden;
        }

        if (!decision.Accept)
        {
            int status = decision.StatusCode is >= 300 and <= 699 ? decision.StatusCode : 403;
            SourceFailed(flow, status);
            LogInboundRejected(flow, info.From.Uri.ToString(), status);
            transaction.Respond(SipMessageBuilder.ResponseTo(invite, status, null, toTag));
            return;
        }

        SipCall? call = SipCall.CreateIncoming(this, viaAccount ?? SelectAccount(), transaction, invite, flow);
        if (call is null)
        {
            SourceFailed(flow, 400);
            transaction.Respond(SipMessageBuilder.ResponseTo(invite, 400, "Missing Contact", toTag));
            return;
        }

        _calls[call.CallId] = call;
        _incoming.Writer.TryWrite(call);
    }

    /// <summary>A request from this flow was refused: one step towards a ban of its address.</summary>
    private void SourceFailed(SipFlow flow, int statusCode) => BanList.RecordFailure(flow.Remote.Address, statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private void LogRejected(string method, SipFlow flow, int status, string reason)
    {
        if (_rejectLog.TryAcquire(out int suppressed))
        {
            LogRequestRejected(method, flow, status, reason, suppressed);
        }
    }

    private void LogInboundRejected(SipFlow flow, string from, int status)
    {
        if (_rejectLog.TryAcquire(out int suppressed))
        {
            LogCallRejected(flow, from, status, suppressed);
        }
    }

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Rejected {Method} from {Flow} with {StatusCode}: {Reason} ({Suppressed} similar lines suppressed)")]
    private partial void LogRequestRejected(string method, SipFlow flow, int statusCode, string reason, int suppressed);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Inbound call from {From} via {Flow} rejected by policy with {StatusCode} ({Suppressed} similar lines suppressed)")]
    private partial void LogCallRejected(SipFlow flow, string from, int statusCode, int suppressed);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "Dropped {Method} from {Flow}: {Count} server transactions alive, the table is full ({Suppressed} similar lines suppressed)")]
    private partial void LogOverloaded(string method, SipFlow flow, int count, int suppressed);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Error, Message = "Inbound call policy threw; call rejected")]
    private partial void LogPolicyFailed(Exception exception);
}
