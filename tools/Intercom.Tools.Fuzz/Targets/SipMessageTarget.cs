using System.Text;
using Intercom.Sip.Messages;
using Intercom.Tools.Fuzz.Engine;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>
/// The SIP byte parser (datagram and stream framing), the validator, the typed header views and the stateless
/// error response built for a rejected request. Properties: a rejection has a reason; offsets stay inside the
/// input; the parsed bytes parse again to the same message; every prefix of a stream message is Incomplete; typed
/// views print text that parses back to the same text; a 4xx/5xx answer to a bad request is itself a valid response
/// with one line per header field.
/// </summary>
internal sealed class SipMessageTarget : IFuzzTarget
{
    public string Name => "sip";

    public string Description => "SIP message parser (UDP and TCP framing), validator, typed views, 400 answers";

    public int MaximumInputLength => SipMessageParser.DefaultMaxMessageBytes + 1024;

    public bool IsText => true;

    public IReadOnlyList<byte[]> Dictionary { get; } = SeedResources.Tokens(
        "\r\n", "\r\n\r\n", "\n", " ", "\t", ":", ";", ",", "<", ">", "\"", "\\", "%", "@", "=", "[", "]", "?", "/",
        "SIP/2.0", "SIP/2.0/UDP ", "SIP/2.0/TCP ", "sip:", "sips:", "tel:", ";branch=z9hG4bK", ";tag=", ";lr", ";rport", ";received=",
        ";transport=tcp", ";maddr=", ";expires=", "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "INFO", "UPDATE",
        "Via: ", "v: ", "From: ", "f: ", "To: ", "t: ", "Call-ID: ", "i: ", "CSeq: ", "Contact: ", "m: ", "Content-Length: ",
        "l: ", "Content-Type: ", "c: ", "Max-Forwards: ", "Expires: ", "Retry-After: ", "Route: ", "Record-Route: ", "Date: ",
        "WWW-Authenticate: Digest ", "Require: ", "Supported: ", "*", "[::1]", "[2001:db8::1]:5060", "127.0.0.1:5060",
        "4294967296", "2147483648", "-1", "0", "99999999999999999999", "Thu, 21 Feb 2002 13:02:03 GMT");

    public IReadOnlyList<byte[]> CreateSeeds()
    {
        var seeds = SeedResources.TortureMessages();
        seeds.AddRange(SeedResources.Load("sip"));
        return seeds;
    }

    public string Run(ReadOnlySpan<byte> input)
    {
        string datagram = RunFraming(input, SipFraming.Datagram);
        string stream = RunFraming(input, SipFraming.Stream);
        return $"{datagram} | stream {stream}";
    }

    private static string RunFraming(ReadOnlySpan<byte> input, SipFraming framing)
    {
        SipParseResult result = SipMessageParser.Parse(input, framing);
        switch (result.Status)
        {
            case SipParseStatus.Invalid:
                FuzzPropertyException.Check(!string.IsNullOrWhiteSpace(result.Reason), "an invalid message has a reason");
                return OutcomeLabel.Of("invalid", result.Reason);
            case SipParseStatus.Incomplete:
                FuzzPropertyException.Check(framing == SipFraming.Stream, "only stream framing waits for more bytes");
                return "incomplete";
            case SipParseStatus.KeepAlive:
                FuzzPropertyException.Check(result.BytesConsumed > 0 && result.BytesConsumed <= input.Length, "a keep-alive consumes the CRLFs it saw");
                return "keep-alive";
        }

        SipMessage message = result.Message!;
        int inputLength = input.Length;
        FuzzPropertyException.Check(result.BytesConsumed > 0 && result.BytesConsumed <= inputLength, "bytes consumed lie inside the input",
            () => $"{result.BytesConsumed} of {inputLength}");
        FuzzPropertyException.Check(message.Length <= result.BytesConsumed && message.Length <= SipMessageParser.DefaultMaxMessageBytes, "the message fits the input and the size limit");
        FuzzPropertyException.Check(message.Body.Length <= message.Length, "the body lies inside the message");

        CheckReparse(message, framing);
        if (framing == SipFraming.Stream)
        {
            CheckPrefixes(input[..result.BytesConsumed]);
        }

        ReadTypedViews(message);
        SipValidationResult validation = SipMessageValidator.Validate(message);
        if (validation.IsValid)
        {
            return message.IsRequest ? "valid request" : "valid response";
        }

        FuzzPropertyException.Check(validation.StatusCode is >= 400 and <= 699 && !string.IsNullOrEmpty(validation.Reason), "a rejection carries a 4xx-6xx code and a reason");
        if (message.IsRequest && message.Method != SipMethods.Ack && message.CountHeaderLines(SipHeaderKind.Via) > 0)
        {
            CheckErrorResponse(message, validation);
        }

        return OutcomeLabel.Of($"rejected {validation.StatusCode}", validation.Reason);
    }

    private static void CheckReparse(SipMessage message, SipFraming framing)
    {
        // Parse -> bytes -> parse is stable: the same start line, header fields and body.
        SipParseResult again = SipMessageParser.Parse(message.Raw, framing);
        FuzzPropertyException.Check(again.Status == SipParseStatus.Complete, "a parsed message parses again",
            () => $"{again.Status} {again.Reason}");
        SipMessage copy = again.Message!;
        FuzzPropertyException.Check(copy.Raw.SequenceEqual(message.Raw), "reparsing keeps every byte");
        FuzzPropertyException.Check(copy.HeaderCount == message.HeaderCount, "reparsing keeps the header fields",
            () => $"{message.HeaderCount} then {copy.HeaderCount}");
        for (int i = 0; i < message.HeaderCount; i++)
        {
            FuzzPropertyException.Check(copy.GetHeaderKind(i) == message.GetHeaderKind(i) && copy.GetHeaderValue(i).SequenceEqual(message.GetHeaderValue(i)),
                "reparsing keeps each header value");
        }

        FuzzPropertyException.Check(copy.Body.Span.SequenceEqual(message.Body.Span), "reparsing keeps the body");
    }

    private static void CheckPrefixes(ReadOnlySpan<byte> whole)
    {
        // RFC 3261 §18.3: on a stream a message is only complete once Content-Length bytes of body arrived.
        foreach (int cut in (ReadOnlySpan<int>)[whole.Length - 1, whole.Length / 2, whole.IndexOf("\n\r\n"u8), whole.IndexOf("\n\n"u8)])
        {
            if (cut <= 0 || cut >= whole.Length)
            {
                continue;
            }

            SipParseResult partial = SipMessageParser.Parse(whole[..cut], SipFraming.Stream);
            int wholeLength = whole.Length;
            FuzzPropertyException.Check(partial.Status is SipParseStatus.Incomplete or SipParseStatus.KeepAlive, "a prefix of a stream message is incomplete",
                () => $"{cut} of {wholeLength} bytes gave {partial.Status} {partial.Reason}");
        }
    }

    private static void ReadTypedViews(SipMessage message)
    {
        _ = message.Method;
        _ = message.RequestUri;
        _ = message.ReasonPhrase;
        _ = message.CallId;
        _ = message.ContentType;
        for (int i = 0; i < message.HeaderCount; i++)
        {
            _ = message.GetHeaderName(i);
        }

        if (message.From is SipNameAddress from)
        {
            SipHeaderTarget.CheckNameAddress(from.ToString());
        }

        if (message.To is SipNameAddress to)
        {
            SipHeaderTarget.CheckNameAddress(to.ToString());
        }

        if (message.TopVia is SipVia via)
        {
            SipHeaderTarget.CheckVia(via.ToString());
        }

        if (message.CSeq is SipCSeq cseq)
        {
            SipHeaderTarget.CheckCSeq(cseq.ToString());
        }

        foreach (SipHeaderKind kind in (ReadOnlySpan<SipHeaderKind>)[SipHeaderKind.Contact, SipHeaderKind.Route, SipHeaderKind.RecordRoute])
        {
            foreach (string value in message.GetHeaderValueStrings(kind))
            {
                _ = SipNameAddress.TryParse(value, out _);
            }
        }

        foreach (string value in message.GetHeaderValueStrings(SipHeaderKind.Via))
        {
            _ = SipVia.TryParse(value, out _);
        }
    }

    private static void CheckErrorResponse(SipMessage request, SipValidationResult validation)
    {
        // What SipUserAgent sends back statelessly (RFC 3261 §8.2): it must be one well-formed response.
        byte[] response = SipMessageBuilder.ResponseTo(request, validation.StatusCode, validation.Reason).ToArray();
        // (It echoes Via, From, To, so for a request near the size limit it is allowed to be a little over it.)
        SipParseResult parsed = SipMessageParser.Parse(response, SipFraming.Stream, Math.Max(response.Length, SipMessageParser.DefaultMaxMessageBytes));
        FuzzPropertyException.Check(parsed.Status == SipParseStatus.Complete && parsed.BytesConsumed == response.Length, "the error response is one complete message",
            () => $"{parsed.Status} {parsed.Reason}: {Encoding.UTF8.GetString(response)}");
        SipMessage answer = parsed.Message!;
        FuzzPropertyException.Check(answer.IsResponse && answer.StatusCode == validation.StatusCode, "the error response carries the rejection's status code");
        int headerEnd = response.AsSpan().IndexOf("\r\n\r\n"u8);
        byte[] headBytes = response[..(headerEnd + 2)];
        ReadOnlySpan<byte> head = headBytes;
        for (int i = 0; i < head.Length; i++)
        {
            // A bare CR or LF inside a header value would split it into lines for a stricter peer (header injection).
            // (NUL may appear: RFC 3261 §25.1 allows it as a quoted-pair, RFC 4475 §3.1.1.3 has one.)
            bool lineEnd = head[i] == '\r' && i + 1 < head.Length && head[i + 1] == '\n';
            bool afterCr = head[i] == '\n' && i > 0 && head[i - 1] == '\r';
            FuzzPropertyException.Check(!((head[i] is (byte)'\r' or (byte)'\n') && !lineEnd && !afterCr), "the error response has no bare CR or LF in its header section",
                () => Encoding.UTF8.GetString(headBytes).Replace("\r", "\\r", StringComparison.Ordinal));
        }
    }
}
