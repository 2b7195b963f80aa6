using System.Text;
using Intercom.Sip.Messages;
using Intercom.Tools.Fuzz.Engine;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>
/// The SIP header-value parsers one by one: URI, name-addr, Via, CSeq, parameters, host:port and the list
/// splitter. The first input byte picks the parser, the rest is the value. Property: whatever parses prints text
/// that parses again and prints the same (parse, print, parse is a fixed point).
/// </summary>
internal sealed class SipHeaderTarget : IFuzzTarget
{
    private const int Parsers = 7;

    public string Name => "sip-headers";

    public string Description => "SIP URI, name-addr, Via, CSeq, parameters, host:port, comma lists; print-parse fixed point";

    public int MaximumInputLength => 16 * 1024;

    public bool IsText => true;

    public IReadOnlyList<byte[]> Dictionary { get; } = SeedResources.Tokens(
        ":", ";", ",", "<", ">", "\"", "\\", "%", "@", "=", "[", "]", "?", "&", " ", "\t", "\r\n ", "sip:", "sips:", "tel:",
        "SIP/2.0/UDP ", "SIP / 2.0 / TCP ", ";branch=z9hG4bK", ";tag=", ";lr", ";rport", ";received=", ";transport=tcp",
        ";maddr=", ";user=phone", ";expires=", "[::1]", "[2001:db8::1]", ":5060", ":65536", ":99999999999999999999",
        "INVITE", "2147483648", "4294967296", "\"\\\"\"", "%00", "%zz");

    public IReadOnlyList<byte[]> CreateSeeds()
    {
        string[][] samples =
        [
            ["sip:alice@example.com", "sips:bob:secret@[2001:db8::1]:5061;transport=tls;lr?subject=hi", "sip:127.0.0.1:5060;maddr=239.1.1.1", "tel:+1-201-555-0123", "sip:%61lice@host;user=phone"],
            ["\"Alice \\\"A\\\"\" <sip:alice@example.com>;tag=1928301774", "Bob <sips:bob@biloxi.example.com>", "sip:carol@chicago.example.com;tag=x", "<sip:[::1]:5070;lr>;expires=3600;q=0.7", "*"],
            ["SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds", "SIP / 2.0 / TCP [2001:db8::9:1]:5061;received=192.0.2.1;rport=5060", "SIP/2.0/TLS 10.0.0.1;branch=z9hG4bK-1;rport"],
            ["314159 INVITE", "1 REGISTER", "2147483647 BYE", "0009\r\n  INVITE"],
            [";a=b;c;d=\"quoted;value\"", ";transport=udp;lr", " ; maddr = [2001:db8::1] "],
            ["example.com:5060", "[2001:db8::1]:5061", "127.0.0.1", "host"],
            ["<sip:a@b>;x=\"1,2\", sip:c@d, \"e,f\" <sip:g@h>", "a,b,,c"],
        ];
        var seeds = new List<byte[]>();
        for (int parser = 0; parser < samples.Length; parser++)
        {
            foreach (string sample in samples[parser])
            {
                seeds.Add([(byte)parser, .. Encoding.UTF8.GetBytes(sample)]);
            }
        }

        return seeds;
    }

    public string Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return "empty";
        }

        string text = Encoding.UTF8.GetString(input[1..]);
        return (input[0] % Parsers) switch
        {
            0 => CheckUri(text),
            1 => CheckNameAddress(text),
            2 => CheckVia(text),
            3 => CheckCSeq(text),
            4 => CheckParameters(text),
            5 => CheckHostPort(text),
            _ => CheckList(input[1..]),
        };
    }

    internal static string CheckUri(string text)
    {
        if (!SipUri.TryParse(text, out SipUri? uri))
        {
            return "uri rejected";
        }

        string printed = uri.ToString();
        FuzzPropertyException.Check(SipUri.TryParse(printed, out SipUri? again), "a printed URI parses", () => printed);
        FuzzPropertyException.Check(again!.ToString() == printed, "URI print-parse is a fixed point", () => $"{printed} then {again}");
        FuzzPropertyException.Check(again.Port == uri.Port && again.Host == uri.Host && again.User == uri.User, "a printed URI keeps user, host and port");
        return uri.IsSip ? "sip uri" : "other uri";
    }

    internal static string CheckNameAddress(string text)
    {
        if (!SipNameAddress.TryParse(text, out SipNameAddress? address))
        {
            return "name-addr rejected";
        }

        string printed = address.ToString();
        FuzzPropertyException.Check(SipNameAddress.TryParse(printed, out SipNameAddress? again), "a printed name-addr parses", () => printed);
        FuzzPropertyException.Check(again!.ToString() == printed, "name-addr print-parse is a fixed point", () => $"{printed} then {again}");
        FuzzPropertyException.Check(string.Equals(again.DisplayName ?? "", address.DisplayName ?? "", StringComparison.Ordinal) && again.Tag == address.Tag, "a printed name-addr keeps display name and tag");
        return address.DisplayName is null ? "name-addr" : "name-addr with display name";
    }

    internal static string CheckVia(string text)
    {
        if (!SipVia.TryParse(text, out SipVia? via))
        {
            return "via rejected";
        }

        string printed = via.ToString();
        FuzzPropertyException.Check(SipVia.TryParse(printed, out SipVia? again), "a printed Via parses", () => printed);
        FuzzPropertyException.Check(again!.ToString() == printed, "Via print-parse is a fixed point", () => $"{printed} then {again}");
        FuzzPropertyException.Check(again.Branch == via.Branch && again.Port == via.Port && again.RPort == via.RPort, "a printed Via keeps branch, port and rport");
        return "via";
    }

    internal static string CheckCSeq(string text)
    {
        if (!SipCSeq.TryParse(text, out SipCSeq? cseq))
        {
            return "cseq rejected";
        }

        FuzzPropertyException.Check(cseq.Number is >= 0 and < 1L << 31, "a CSeq number is below 2^31");
        string printed = cseq.ToString();
        FuzzPropertyException.Check(SipCSeq.TryParse(printed, out SipCSeq? again) && again == cseq, "a printed CSeq parses to the same CSeq", () => printed);
        return "cseq";
    }

    private static string CheckParameters(string text)
    {
        if (!SipParameters.TryParse(text, out SipParameters? parameters))
        {
            return "parameters rejected";
        }

        string printed = parameters.ToString();
        FuzzPropertyException.Check(SipParameters.TryParse(printed, out SipParameters? again), "printed parameters parse", () => printed);
        FuzzPropertyException.Check(again!.ToString() == printed && again.Count == parameters.Count, "parameters print-parse is a fixed point", () => $"{printed} then {again}");
        return parameters.Count == 0 ? "no parameters" : "parameters";
    }

    private static string CheckHostPort(string text)
    {
        if (!SipUri.TrySplitHostPort(text, out string? host, out int? port))
        {
            return "host:port rejected";
        }

        FuzzPropertyException.Check(port is null or >= 0 and <= 65535, "a port is 0-65535", () => $"{port}");
        FuzzPropertyException.Check(host.Length > 0 && host.Length <= text.Length, "a host is a non-empty part of the text");
        return port is null ? "host" : "host:port";
    }

    private static string CheckList(ReadOnlySpan<byte> value)
    {
        // The comma splitter must always advance and stay inside the value.
        int count = 0;
        ReadOnlySpan<byte> rest = value;
        while (true)
        {
            int separator = SipHeaderValueEnumerator.FindSeparator(rest);
            FuzzPropertyException.Check(separator < rest.Length, "a list separator lies inside the value");
            count++;
            if (separator < 0)
            {
                break;
            }

            rest = rest[(separator + 1)..];
        }

        return count == 1 ? "one element" : "list";
    }
}
