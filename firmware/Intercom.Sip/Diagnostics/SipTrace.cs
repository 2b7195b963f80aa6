using System.Text;
using Intercom.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Intercom.Sip.Diagnostics;

/// <summary>
/// A SIP message trace that can be switched on and off at run time. Credentials never reach the log:
/// Authorization and Proxy-Authorization values are replaced before the text is formatted.
/// </summary>
public sealed partial class SipTrace
{
    private readonly ILogger _logger;
    private volatile bool _enabled;

    /// <summary>Creates a trace writing to <paramref name="logger"/> at Information level.</summary>
    public SipTrace(ILogger logger, bool enabled = false)
    {
        _logger = logger;
        _enabled = enabled;
    }

    /// <summary>Switches the trace on or off; takes effect for the next message.</summary>
    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    /// <summary>Replaces the credentials of Authorization and Proxy-Authorization header lines.</summary>
    public static string Redact(ReadOnlySpan<byte> message)
    {
        string text = Encoding.UTF8.GetString(message);
        var builder = new StringBuilder(text.Length);
        int headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string head = headerEnd < 0 ? text : text[..headerEnd];
        foreach (string line in head.Split("\r\n"))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string name = colon > 0 ? line[..colon].Trim() : string.Empty;
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                string value = line[(colon + 1)..].TrimStart();
                int space = value.IndexOf(' ', StringComparison.Ordinal);
                string scheme = space > 0 ? value[..space] : value;
                builder.Append(line.AsSpan(0, colon)).Append(": ").Append(scheme).Append(" <redacted>\r\n");
            }
            else
            {
                builder.Append(line).Append("\r\n");
            }
        }

        if (headerEnd >= 0)
        {
            builder.Append("\r\n").Append(text.AsSpan(headerEnd + 4));
        }

        return builder.ToString();
    }

    internal void Sent(SipFlow flow, ReadOnlySpan<byte> message)
    {
        if (!_enabled)
        {
            return;
        }

        string text = Redact(message);
        LogSent(flow, message.Length, text);
    }

    internal void Received(SipFlow flow, ReadOnlySpan<byte> message)
    {
        if (!_enabled)
        {
            return;
        }

        string text = Redact(message);
        LogReceived(flow, message.Length, text);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "SIP sent to {Flow} ({Length} bytes)\n{Message}")]
    private partial void LogSent(SipFlow flow, int length, string message);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "SIP received from {Flow} ({Length} bytes)\n{Message}")]
    private partial void LogReceived(SipFlow flow, int length, string message);
}
