using System.Globalization;
using Intercom.Sip.Messages;

namespace Intercom.Sip.Dialogs;

/// <summary>
/// The dialog state of RFC 3261 §12: identifiers, sequence numbers, remote target and route set, and the
/// construction of requests within the dialog (§12.2.1.1). Runs on the stack loop only.
/// </summary>
internal sealed class SipDialog
{
    private SipDialog(string callId, SipNameAddress local, SipNameAddress remote, long localSequence, long remoteSequence, SipUri remoteTarget, List<SipNameAddress> routeSet, bool secure)
    {
        CallId = callId;
        Local = local;
        Remote = remote;
        LocalSequence = localSequence;
        RemoteSequence = remoteSequence;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        Secure = secure;
    }

    public string CallId { get; }

    /// <summary>Our address with our tag (From of our requests).</summary>
    public SipNameAddress Local { get; }

    /// <summary>The peer's address with its tag (To of our requests).</summary>
    public SipNameAddress Remote { get; private set; }

    public string LocalTag => Local.Tag ?? string.Empty;

    public string? RemoteTag => Remote.Tag;

    public long LocalSequence { get; set; }

    /// <summary>Highest CSeq seen from the peer; -1 before its first request.</summary>
    public long RemoteSequence { get; set; }

    /// <summary>Where in-dialog requests go (the peer's Contact, refreshed by target refresh requests).</summary>
    public SipUri RemoteTarget { get; private set; }

    public IReadOnlyList<SipNameAddress> RouteSet { get; }

    public bool Secure { get; }

    /// <summary>RFC 3261 §12.1.2: UAC dialog from a 2xx or tagged 1xx; the route set is Record-Route reversed.</summary>
    public static SipDialog? ForUac(SipMessageBuilder request, SipMessage response)
    {
        if (response.To is not { Tag: not null } remote || !SipNameAddress.TryParse(request.Get(SipHeaderKind.From) ?? string.Empty, out SipNameAddress? local))
        {
            return null;
        }

        if (!TryGetContact(response, out SipUri? target))
        {
            return null;
        }

        var routes = new List<SipNameAddress>();
        foreach (string value in response.GetHeaderValueStrings(SipHeaderKind.RecordRoute))
        {
            if (SipNameAddress.TryParse(value, out SipNameAddress? route))
            {
                routes.Add(route);
            }
        }

        routes.Reverse();
        long sequence = SipCSeq.TryParse(request.Get(SipHeaderKind.CSeq) ?? string.Empty, out SipCSeq? cseq) ? cseq.Number : 1;
        bool secure = SipUri.TryParse(request.RequestUri, out SipUri? uri) && uri.IsSecure;
        return new SipDialog(response.CallId, local, remote, sequence, -1, target, routes, secure);
    }

    /// <summary>RFC 3261 §12.1.1: UAS dialog from the INVITE; the route set is Record-Route in order.</summary>
    public static SipDialog? ForUas(SipMessage request, string localTag)
    {
        if (request.From is not { } remote || request.To is not { } to || !TryGetContact(request, out SipUri? target))
        {
            return null;
        }

        var routes = new List<SipNameAddress>();
        foreach (string value in request.GetHeaderValueStrings(SipHeaderKind.RecordRoute))
        {
            if (SipNameAddress.TryParse(value, out SipNameAddress? route))
            {
                routes.Add(route);
            }
        }

        bool secure = SipUri.TryParse(request.RequestUri, out SipUri? uri) && uri.IsSecure;
        return new SipDialog(request.CallId, to.WithTag(localTag), remote, 0, request.CSeq?.Number ?? 0, target, routes, secure);
    }

    /// <summary>True when an in-dialog request from the peer belongs to this dialog (§12.2.2).</summary>
    public bool Matches(SipMessage request) =>
        request.CallId == CallId && request.To?.Tag == LocalTag && request.From?.Tag == RemoteTag;

    /// <summary>RFC 3261 §12.2.1.2 / §12.2.2: a target refresh request or its 2xx updates the remote target.</summary>
    public void RefreshTarget(SipMessage message)
    {
        if (TryGetContact(message, out SipUri? target))
        {
            RemoteTarget = target;
        }
    }

    /// <summary>Updates the remote tag when the UAC dialog is confirmed by a 2xx from another fork.</summary>
    public void SetRemote(SipNameAddress remote) => Remote = remote;

    /// <summary>
    /// RFC 3261 §12.2.1.1: a request within the dialog: Request-URI, Route and next hop follow the route set
    /// (loose routing when the first route has lr, strict routing otherwise).
    /// </summary>
    public SipMessageBuilder CreateRequest(string method, out SipUri nextHop)
    {
        if (method != SipMethods.Ack && method != SipMethods.Cancel)
        {
            LocalSequence++;
        }

        string requestUri;
        var routes = new List<string>();
        if (RouteSet.Count == 0)
        {
            requestUri = RemoteTarget.ToString();
            nextHop = RemoteTarget;
        }
        else if (RouteSet[0].Uri.IsLooseRouter)
        {
            requestUri = RemoteTarget.ToString();
            routes.AddRange(RouteSet.Select(r => r.ToString()));
            nextHop = RouteSet[0].Uri;
        }
        else
        {
            requestUri = RouteSet[0].Uri.WithoutParameters().ToString();
            routes.AddRange(RouteSet.Skip(1).Select(r => r.ToString()));
            routes.Add($"<{RemoteTarget}>");
            nextHop = RouteSet[0].Uri;
        }

        SipMessageBuilder request = SipMessageBuilder.Request(method, requestUri);
        foreach (string route in routes)
        {
            request.Add(SipHeaderKind.Route, route);
        }

        request.Add(SipHeaderKind.MaxForwards, "70");
        request.Add(SipHeaderKind.From, Local.ToString());
        request.Add(SipHeaderKind.To, Remote.ToString());
        request.Add(SipHeaderKind.CallId, CallId);
        request.Add(SipHeaderKind.CSeq, string.Create(CultureInfo.InvariantCulture, $"{LocalSequence} {method}"));
        return request;
    }

    private static bool TryGetContact(SipMessage message, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SipUri? target)
    {
        foreach (ReadOnlySpan<byte> value in message.GetHeaderValues(SipHeaderKind.Contact))
        {
            if (SipNameAddress.TryParse(System.Text.Encoding.UTF8.GetString(value), out SipNameAddress? contact))
            {
                target = contact.Uri;
                return true;
            }
        }

        target = null;
        return false;
    }
}
