using System.Globalization;
using System.Text;

namespace Intercom.Sip.Messages;

/// <summary>
/// Checks a parsed message against the RFC 3261 rules a transaction user relies on (§8.2, §16.3, §20):
/// mandatory headers present once, scalars in range, CSeq method matching, addresses well formed.
/// For requests the result carries the status code to answer with; responses that fail are dropped.
/// </summary>
public static class SipMessageValidator
{
    private static readonly SipHeaderKind[] SingleValued =
    [
        SipHeaderKind.To, SipHeaderKind.From, SipHeaderKind.CallId, SipHeaderKind.CSeq, SipHeaderKind.MaxForwards,
        SipHeaderKind.ContentType, SipHeaderKind.Expires, SipHeaderKind.Date, SipHeaderKind.MinExpires,
    ];

    /// <summary>Validates a request or a response.</summary>
    public static SipValidationResult Validate(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.FramingError is not null)
        {
            return SipValidationResult.Reject(400, message.FramingError);
        }

        // RFC 3261 §8.2.2 (and RFC 4475 §3.1.2.16): an unsupported version is answered 505 before anything else.
        if (message.IsRequest && !message.Version.SequenceEqual("SIP/2.0"u8))
        {
            return SipValidationResult.Reject(505, "Version Not Supported");
        }


        // RFC 3261 §8.2.2 ... §8.1.1: To, From, CSeq, Call-ID and Via are mandatory.
        foreach (SipHeaderKind required in (ReadOnlySpan<SipHeaderKind>)[SipHeaderKind.To, SipHeaderKind.From, SipHeaderKind.CSeq, SipHeaderKind.CallId, SipHeaderKind.Via])
        {
            if (!message.TryGetHeader(required, out ReadOnlySpan<byte> value) || SipGrammar.Trim(value).IsEmpty)
            {
                return SipValidationResult.Reject(400, $"Missing {SipHeaderNames.GetName(required)}");
            }
        }

        foreach (SipHeaderKind kind in SingleValued)
        {
            int values = 0;
            foreach (ReadOnlySpan<byte> value in message.GetHeaderValues(kind))
            {
                _ = value;
                values++;
            }

            if (values > 1 && kind != SipHeaderKind.Date)
            {
                return SipValidationResult.Reject(400, $"Multiple values in {SipHeaderNames.GetName(kind)}");
            }

            if (message.CountHeaderLines(kind) > 1)
            {
                return SipValidationResult.Reject(400, $"Multiple {SipHeaderNames.GetName(kind)} header fields");
            }
        }

        if (message.CSeq is not { } cseq)
        {
            return SipValidationResult.Reject(400, "Malformed CSeq");
        }

        if (message.IsRequest)
        {
            // RFC 3261 §8.1.1.5: the CSeq method MUST match the request method.
            if (!string.Equals(cseq.Method, message.Method, StringComparison.Ordinal))
            {
                return SipValidationResult.Reject(400, "CSeq method does not match the request method");
            }
        }
        else if (!message.Version.SequenceEqual("SIP/2.0"u8) || message.StatusCode > 699)
        {
            return SipValidationResult.Reject(400, "Unsupported version or status code");
        }

        if (message.From is null)
        {
            return SipValidationResult.Reject(400, "Malformed From");
        }

        if (message.To is null)
        {
            return SipValidationResult.Reject(400, "Malformed To");
        }

        foreach (ReadOnlySpan<byte> via in message.GetHeaderValues(SipHeaderKind.Via))
        {
            if (!SipVia.TryParse(Encoding.UTF8.GetString(via), out _))
            {
                return SipValidationResult.Reject(400, "Malformed Via");
            }
        }

        if (message.TryGetHeader(SipHeaderKind.MaxForwards, out ReadOnlySpan<byte> maxForwards)
            && (!SipGrammar.TryParseDecimal(SipGrammar.Trim(maxForwards), out long hops) || hops > 255))
        {
            return SipValidationResult.Reject(400, "Malformed Max-Forwards");
        }

        // RFC 3261 §20.19: Expires is delta-seconds, at most 2^32-1.
        if (message.TryGetHeader(SipHeaderKind.Expires, out ReadOnlySpan<byte> expires)
            && (!SipGrammar.TryParseDecimal(SipGrammar.Trim(expires), out long seconds) || seconds > uint.MaxValue))
        {
            return SipValidationResult.Reject(400, "Malformed Expires");
        }

        if (message.TryGetHeader(SipHeaderKind.RetryAfter, out ReadOnlySpan<byte> retryAfter))
        {
            ReadOnlySpan<byte> trimmed = SipGrammar.Trim(retryAfter);
            int end = trimmed.IndexOfAny((byte)' ', (byte)';', (byte)'(');
            if (!SipGrammar.TryParseDecimal(end < 0 ? trimmed : trimmed[..end], out long retry) || retry > uint.MaxValue)
            {
                return SipValidationResult.Reject(400, "Malformed Retry-After");
            }
        }

        foreach (ReadOnlySpan<byte> contact in message.GetHeaderValues(SipHeaderKind.Contact))
        {
            if (contact.SequenceEqual("*"u8))
            {
                continue;
            }

            if (!SipNameAddress.TryParse(Encoding.UTF8.GetString(contact), out SipNameAddress? address))
            {
                return SipValidationResult.Reject(400, "Malformed Contact");
            }

            string? contactExpires = address.Parameters.Get("expires");
            if (contactExpires is not null && (!SipGrammar.TryParseDecimal(contactExpires.AsSpan(), out long ce) || ce > uint.MaxValue))
            {
                return SipValidationResult.Reject(400, "Malformed Contact expires");
            }
        }

        foreach (SipHeaderKind kind in (ReadOnlySpan<SipHeaderKind>)[SipHeaderKind.Route, SipHeaderKind.RecordRoute])
        {
            foreach (ReadOnlySpan<byte> route in message.GetHeaderValues(kind))
            {
                if (!SipNameAddress.TryParse(Encoding.UTF8.GetString(route), out _))
                {
                    return SipValidationResult.Reject(400, $"Malformed {SipHeaderNames.GetName(kind)}");
                }
            }
        }

        // RFC 3261 §20.17: SIP-date is the RFC 1123 form and always GMT.
        if (message.TryGetHeader(SipHeaderKind.Date, out ReadOnlySpan<byte> date)
            && !DateTimeOffset.TryParseExact(Encoding.ASCII.GetString(SipGrammar.Trim(date)), "ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return SipValidationResult.Reject(400, "Malformed Date");
        }

        if (message.IsRequest)
        {
            return ValidateRequestUri(message);
        }

        return SipValidationResult.Valid;
    }

    private static SipValidationResult ValidateRequestUri(SipMessage request)
    {
        string text = request.RequestUri;
        if (!SipUri.TryParse(text, out SipUri? uri))
        {
            return SipValidationResult.Reject(400, "Malformed Request-URI");
        }

        if (!uri.IsSip && uri.Scheme != "tel")
        {
            return SipValidationResult.Reject(416, "Unsupported URI Scheme");
        }

        // RFC 3261 §19.1.5: headers are not allowed in a Request-URI.
        if (uri.Headers is not null)
        {
            return SipValidationResult.Reject(400, "Headers in Request-URI");
        }

        return SipValidationResult.Valid;
    }
}
