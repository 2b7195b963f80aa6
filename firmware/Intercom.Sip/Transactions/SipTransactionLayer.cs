using Intercom.Sip.Messages;
using Intercom.Sip.Transport;

namespace Intercom.Sip.Transactions;

/// <summary>
/// Holds the live transactions of one stack and matches messages to them (RFC 3261 §17.1.3, §17.2.3).
/// Runs on the stack loop only.
/// </summary>
internal sealed class SipTransactionLayer
{
    private readonly Dictionary<string, SipClientTransaction> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SipServerTransaction> _servers = new(StringComparer.Ordinal);

    public SipTransactionLayer(SipTransactionContext context)
    {
        Context = context;
    }

    public SipTransactionContext Context { get; }

    public int ClientCount => _clients.Count;

    public int ServerCount => _servers.Count;

    /// <summary>Creates and starts a client transaction for a request whose top Via carries a fresh branch.</summary>
    public SipClientTransaction SendRequest(SipMessageBuilder request, SipFlow flow, Action<SipMessage> onResponse, Action<SipTransactionFailure> onFailure)
    {
        SipClientTransaction transaction = request.Method == SipMethods.Invite
            ? new ClientInviteTransaction(Context, request, flow, onResponse, onFailure)
            : new ClientNonInviteTransaction(Context, request, flow, onResponse, onFailure);
        _clients[transaction.Key] = transaction;
        transaction.Terminated += t => _clients.Remove(t.Key);
        transaction.Start();
        return transaction;
    }

    /// <summary>Hands a response to its client transaction; false when none matches (a stray or a late 2xx).</summary>
    public bool TryDeliverResponse(SipMessage response)
    {
        string? branch = response.TopVia?.Branch;
        string? method = response.CSeq?.Method;
        if (branch is null || method is null)
        {
            return false;
        }

        if (!_clients.TryGetValue(SipTransactionKeys.Client(branch, method), out SipClientTransaction? transaction))
        {
            return false;
        }

        transaction.ReceiveResponse(response);
        return true;
    }

    /// <summary>Finds the server transaction of a request (a retransmission, or the ACK of a non-2xx).</summary>
    public SipServerTransaction? Find(SipMessage request) => _servers.GetValueOrDefault(ServerKey(request, request.Method));

    /// <summary>RFC 3261 §9.2: the INVITE server transaction a CANCEL refers to.</summary>
    public ServerInviteTransaction? FindInviteForCancel(SipMessage cancel) => _servers.GetValueOrDefault(ServerKey(cancel, SipMethods.Invite)) as ServerInviteTransaction;

    /// <summary>Creates a server transaction for a new request (not ACK).</summary>
    public SipServerTransaction CreateServer(SipMessage request, SipFlow flow)
    {
        string key = ServerKey(request, request.Method);
        SipServerTransaction transaction = request.Method == SipMethods.Invite
            ? new ServerInviteTransaction(Context, request, flow, key)
            : new ServerNonInviteTransaction(Context, request, flow, key);
        _servers[key] = transaction;
        transaction.Terminated += t => _servers.Remove(t.Key);
        return transaction;
    }

    /// <summary>Terminates every transaction without callbacks (shutdown).</summary>
    public void AbandonAll()
    {
        foreach (SipClientTransaction client in _clients.Values.ToArray())
        {
            client.Abandon();
        }

        foreach (SipServerTransaction server in _servers.Values.ToArray())
        {
            server.Abandon();
        }
    }

    private static string ServerKey(SipMessage request, string method)
    {
        SipVia? via = request.TopVia;
        string branch = via?.Branch ?? string.Empty;
        string sentBy = via is null ? string.Empty : $"{via.Host}:{via.Port}";
        if (branch.StartsWith(SipVia.MagicCookie, StringComparison.Ordinal))
        {
            return SipTransactionKeys.Server(branch, sentBy, method);
        }

        // RFC 3261 §17.2.3: RFC 2543 peers without the magic cookie are matched on the dialog and CSeq.
        string legacy = string.Concat(request.CallId, "|", request.CSeq?.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), "|", request.From?.Tag, "|", sentBy);
        return SipTransactionKeys.Server(legacy, string.Empty, method);
    }
}
