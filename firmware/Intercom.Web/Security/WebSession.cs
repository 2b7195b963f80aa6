using System.Net;

namespace Intercom.Web.Security;

/// <summary>One logged-in browser, kept on the server; the cookie only holds a random key to it.</summary>
public sealed class WebSession
{
    internal WebSession(string key, string csrfToken, IPAddress? clientAddress, long createdTimestamp)
    {
        Key = key;
        CsrfToken = csrfToken;
        ClientAddress = clientAddress;
        CreatedTimestamp = createdTimestamp;
        LastSeenTimestamp = createdTimestamp;
    }

    /// <summary>SHA-256 of the cookie value (the cookie value itself is not kept).</summary>
    internal string Key { get; }

    /// <summary>The synchronizer token every state-changing request of this session must carry.</summary>
    public string CsrfToken { get; }

    /// <summary>Where the login came from (for the event log).</summary>
    public IPAddress? ClientAddress { get; }

    internal long CreatedTimestamp { get; }

    internal long LastSeenTimestamp { get; set; }
}
