using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Intercom.Sip.Messages;

/// <summary>One Via value (RFC 3261 §20.42): SIP/2.0/transport sent-by;params.</summary>
public sealed class SipVia
{
    /// <summary>The RFC 3261 §8.1.1.7 magic cookie that starts every compliant branch.</summary>
    public const string MagicCookie = "z9hG4bK";

    /// <summary>Creates a Via.</summary>
    public SipVia(string transport, string host, int? port, SipParameters? parameters = null)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters ?? new SipParameters();
    }

    /// <summary>Transport in upper case: UDP, TCP, TLS, SCTP, WS, ...</summary>
    public string Transport { get; }

    /// <summary>sent-by host (IPv6 in brackets).</summary>
    public string Host { get; }

    /// <summary>sent-by port, or null.</summary>
    public int? Port { get; }

    /// <summary>Via parameters.</summary>
    public SipParameters Parameters { get; }

    /// <summary>The branch parameter, or null.</summary>
    public string? Branch => Parameters.Get("branch");

    /// <summary>The received parameter, or null.</summary>
    public string? Received => Parameters.Get("received");

    /// <summary>The rport value (RFC 3581 §4) when it carries a number, or null.</summary>
    public int? RPort => int.TryParse(Parameters.Get("rport"), NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : null;

    /// <summary>Parses one Via value.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SipVia? via)
    {
        via = null;
        ReadOnlySpan<char> span = text.AsSpan().Trim();

        // sent-protocol = protocol-name SLASH protocol-version SLASH transport (LWS allowed around the slashes).
        int slash1 = span.IndexOf('/');
        if (slash1 < 0 || !span[..slash1].Trim().Equals("SIP", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        ReadOnlySpan<char> afterName = span[(slash1 + 1)..];
        int slash2 = afterName.IndexOf('/');
        if (slash2 < 0 || !afterName[..slash2].Trim().SequenceEqual("2.0"))
        {
            return false;
        }

        ReadOnlySpan<char> rest = afterName[(slash2 + 1)..].TrimStart();
        int transportEnd = 0;
        while (transportEnd < rest.Length && SipGrammar.IsTokenChar(rest[transportEnd]))
        {
            transportEnd++;
        }

        if (transportEnd == 0)
        {
            return false;
        }

        string transport = rest[..transportEnd].ToString().ToUpperInvariant();
        rest = rest[transportEnd..].TrimStart();
        int semicolon = rest.IndexOf(';');
        string sentBy = (semicolon < 0 ? rest : rest[..semicolon]).Trim().ToString().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\t", string.Empty, StringComparison.Ordinal);
        if (!SipUri.TrySplitHostPort(sentBy, out string? host, out int? port))
        {
            return false;
        }

        if (!SipParameters.TryParse(semicolon < 0 ? default : rest[semicolon..], out SipParameters? parameters))
        {
            return false;
        }

        via = new SipVia(transport, host, port, parameters);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var builder = new StringBuilder("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is int port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendTo(builder);
        return builder.ToString();
    }
}
