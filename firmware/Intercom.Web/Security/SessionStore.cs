using System.Net;
using System.Security.Cryptography;
using System.Text;
using Intercom.Station.Configuration;

namespace Intercom.Web.Security;

/// <summary>
/// Server-side login sessions. The browser holds a 256-bit random key in an HttpOnly, Secure, SameSite=Strict cookie;
/// the server keeps only its SHA-256. A session ends after <see cref="WebOptions.SessionIdleTimeout"/> without a
/// request, after <see cref="WebOptions.SessionLifetime"/>, on logout, or when the password changes.
/// </summary>
public sealed class SessionStore
{
    /// <summary>The cookie's name: the <c>__Host-</c> prefix makes browsers insist on Secure, Path=/ and no Domain.</summary>
    public const string CookieName = "__Host-intercom-session";

    /// <summary>Most sessions kept; a new login past this ends the oldest.</summary>
    public const int MaximumSessions = 16;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, WebSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly Func<WebOptions> _options;

    /// <summary>Creates the store; <paramref name="options"/> gives the current timeouts.</summary>
    public SessionStore(TimeProvider timeProvider, Func<WebOptions> options)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _options = options;
    }

    /// <summary>Sessions alive now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>Starts a session; returns the cookie value (shown to nobody but the browser) and the session.</summary>
    public (string CookieValue, WebSession Session) Create(IPAddress? clientAddress)
    {
        var cookieValue = RandomToken();
        var session = new WebSession(KeyOf(cookieValue), RandomToken(), clientAddress, _timeProvider.GetTimestamp());
        lock (_gate)
        {
            RemoveExpired();
            if (_sessions.Count >= MaximumSessions)
            {
                var oldest = _sessions.Values.MinBy(s => s.LastSeenTimestamp)!;
                _sessions.Remove(oldest.Key);
            }

            _sessions[session.Key] = session;
        }

        return (cookieValue, session);
    }

    /// <summary>The live session for <paramref name="cookieValue"/>; null when there is none or it expired. A hit counts as activity.</summary>
    public WebSession? Find(string? cookieValue)
    {
        if (string.IsNullOrEmpty(cookieValue) || cookieValue.Length > 128)
        {
            return null;
        }

        var key = KeyOf(cookieValue);
        var now = _timeProvider.GetTimestamp();
        lock (_gate)
        {
            if (!_sessions.TryGetValue(key, out var session))
            {
                return null;
            }

            if (IsExpired(session, now))
            {
                _sessions.Remove(key);
                return null;
            }

            session.LastSeenTimestamp = now;
            return session;
        }
    }

    /// <summary>True while <paramref name="session"/> is alive (without counting as activity), for long-lived streams.</summary>
    public bool IsAlive(WebSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            return _sessions.ContainsKey(session.Key) && !IsExpired(session, _timeProvider.GetTimestamp());
        }
    }

    /// <summary>Ends one session (logout).</summary>
    public void Remove(WebSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            _sessions.Remove(session.Key);
        }
    }

    /// <summary>Ends every session except <paramref name="keep"/> (password changed, factory reset).</summary>
    public void RemoveAll(WebSession? keep = null)
    {
        lock (_gate)
        {
            foreach (var key in _sessions.Keys.ToArray())
            {
                if (keep is null || key != keep.Key)
                {
                    _sessions.Remove(key);
                }
            }
        }
    }

    private bool IsExpired(WebSession session, long now)
    {
        var options = _options();
        return _timeProvider.GetElapsedTime(session.LastSeenTimestamp, now) > options.SessionIdleTimeout
            || _timeProvider.GetElapsedTime(session.CreatedTimestamp, now) > options.SessionLifetime;
    }

    private void RemoveExpired()
    {
        var now = _timeProvider.GetTimestamp();
        foreach (var session in _sessions.Values.ToArray())
        {
            if (IsExpired(session, now))
            {
                _sessions.Remove(session.Key);
            }
        }
    }

    internal static string RandomToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string KeyOf(string cookieValue) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(cookieValue)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
