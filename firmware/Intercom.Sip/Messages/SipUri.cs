using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text;

namespace Intercom.Sip.Messages;

/// <summary>
/// A SIP or SIPS URI (RFC 3261 §19.1) with IPv6 references (RFC 5118); other schemes (tel, http, ...) are kept opaque.
/// </summary>
public sealed class SipUri
{
    private static readonly System.Buffers.SearchValues<char> ForbiddenCharacters = System.Buffers.SearchValues.Create(" \t\r\n<>\"");

    private SipUri(string scheme)
    {
        Scheme = scheme;
    }

    /// <summary>Lower-case scheme: sip, sips, tel, ...</summary>
    public string Scheme { get; private init; }

    /// <summary>True for sip: and sips: URIs.</summary>
    public bool IsSip => Scheme is "sip" or "sips";

    /// <summary>True for sips: URIs (RFC 3261 §26.2.2: TLS on every hop).</summary>
    public bool IsSecure => Scheme == "sips";

    /// <summary>The user part, still escaped as received; null when absent.</summary>
    public string? User { get; private init; }

    /// <summary>The password part; null when absent.</summary>
    public string? Password { get; private init; }

    /// <summary>The host as written: a name, an IPv4 address or a bracketed IPv6 reference.</summary>
    public string Host { get; private init; } = string.Empty;

    /// <summary>The port, or null for the default of the transport.</summary>
    public int? Port { get; private init; }

    /// <summary>The uri-parameters (transport, lr, maddr, user, ...).</summary>
    public SipParameters Parameters { get; private init; } = new();

    /// <summary>The headers part after '?', still escaped; null when absent.</summary>
    public string? Headers { get; private init; }

    /// <summary>For schemes other than sip/sips: everything after the colon.</summary>
    public string? Opaque { get; private init; }

    /// <summary>The host without IPv6 brackets.</summary>
    public string HostWithoutBrackets => Host.Length > 1 && Host[0] == '[' ? Host[1..^1] : Host;

    /// <summary>The transport uri-parameter in lower case, or null.</summary>
    public string? Transport => Parameters.Get("transport")?.ToLowerInvariant();

    /// <summary>True when the URI carries the lr parameter (RFC 3261 §19.1.1: loose routing).</summary>
    public bool IsLooseRouter => Parameters.Contains("lr");

    /// <summary>Creates a sip: or sips: URI.</summary>
    public static SipUri Create(string? user, string host, int? port = null, bool secure = false, SipParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        string bracketed = host[0] != '[' && IPAddress.TryParse(host, out IPAddress? address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        return new SipUri(secure ? "sips" : "sip") { User = user, Host = bracketed, Port = port, Parameters = parameters ?? new SipParameters() };
    }

    /// <summary>Parses a URI; false with no exception when malformed.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        string scheme = text[..colon].ToLowerInvariant();
        if (!IsScheme(scheme))
        {
            return false;
        }

        string rest = text[(colon + 1)..];
        if (rest.Length == 0 || rest.AsSpan().IndexOfAny(ForbiddenCharacters) >= 0)
        {
            return false;
        }

        if (scheme is not ("sip" or "sips"))
        {
            uri = new SipUri(scheme) { Opaque = rest };
            return true;
        }

        string? user = null;
        string? password = null;
        int at = rest.IndexOf('@', StringComparison.Ordinal);
        string hostPart = rest;
        if (at >= 0)
        {
            string userInfo = rest[..at];
            hostPart = rest[(at + 1)..];
            int passwordColon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = passwordColon < 0 ? userInfo : userInfo[..passwordColon];
            password = passwordColon < 0 ? null : userInfo[(passwordColon + 1)..];
            if (user.Length == 0)
            {
                return false;
            }
        }

        string? headers = null;
        int question = hostPart.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            headers = hostPart[(question + 1)..];
            hostPart = hostPart[..question];
        }

        int semicolon = hostPart.IndexOf(';', StringComparison.Ordinal);
        string hostPort = semicolon < 0 ? hostPart : hostPart[..semicolon];
        if (!SipParameters.TryParse(semicolon < 0 ? default : hostPart.AsSpan(semicolon), out SipParameters? parameters))
        {
            return false;
        }

        if (!TrySplitHostPort(hostPort, out string? host, out int? port))
        {
            return false;
        }

        uri = new SipUri(scheme) { User = user, Password = password, Host = host, Port = port, Parameters = parameters, Headers = headers };
        return true;
    }

    /// <summary>Splits host[:port], accepting RFC 5118 IPv6 references; validates host characters.</summary>
    public static bool TrySplitHostPort(string hostPort, [NotNullWhen(true)] out string? host, out int? port)
    {
        host = null;
        port = null;
        if (string.IsNullOrEmpty(hostPort))
        {
            return false;
        }

        string portText;
        if (hostPort[0] == '[')
        {
            int close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = hostPort[..(close + 1)];
            if (!IPAddress.TryParse(host[1..^1], out IPAddress? v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                host = null;
                return false;
            }

            portText = hostPort[(close + 1)..];
            if (portText.Length > 0 && portText[0] != ':')
            {
                host = null;
                return false;
            }
        }
        else
        {
            int colon = hostPort.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? hostPort : hostPort[..colon];
            portText = colon < 0 ? string.Empty : hostPort[colon..];
            foreach (char c in host)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
                {
                    host = null;
                    return false;
                }
            }

            if (host.Length == 0)
            {
                host = null;
                return false;
            }
        }

        if (portText.Length > 0)
        {
            if (!SipGrammar.TryParseDecimal(portText.AsSpan(1), out long value) || value > 65535)
            {
                host = null;
                return false;
            }

            port = (int)value;
        }

        return true;
    }

    /// <summary>A copy with changes.</summary>
    public SipUri With(string? user = null, string? host = null, int? port = null, SipParameters? parameters = null, bool dropHeaders = false) => new(Scheme)
    {
        User = user ?? User,
        Password = Password,
        Host = host ?? Host,
        Port = port ?? Port,
        Parameters = parameters ?? Parameters.Clone(),
        Headers = dropHeaders ? null : Headers,
        Opaque = Opaque,
    };

    /// <summary>A copy without uri-parameters and headers (e.g. for the To of a REGISTER, RFC 3261 §10.2).</summary>
    public SipUri WithoutParameters() => new(Scheme) { User = User, Host = Host, Port = Port, Opaque = Opaque };

    /// <inheritdoc/>
    public override string ToString()
    {
        var builder = new StringBuilder(Scheme).Append(':');
        if (Opaque is not null)
        {
            return builder.Append(Opaque).ToString();
        }

        if (User is not null)
        {
            builder.Append(User);
            if (Password is not null)
            {
                builder.Append(':').Append(Password);
            }

            builder.Append('@');
        }

        builder.Append(Host);
        if (Port is int port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendTo(builder);
        if (Headers is not null)
        {
            builder.Append('?').Append(Headers);
        }

        return builder.ToString();
    }

    private static bool IsScheme(string scheme)
    {
        if (scheme.Length == 0 || !char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (char c in scheme)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
