using System.Net;
using Intercom.Media.Codecs;

namespace Intercom.Station.Configuration;

/// <summary>Validates the <c>sip</c> section; account checks come from the SIP library and are renamed to JSON paths.</summary>
public sealed class SipOptionsValidator : IConfigurationSectionValidator
{
    /// <inheritdoc />
    public string Name => "sip";

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(IntercomOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sip = options.Sip;
        if (sip is null)
        {
            return ["sip: the section is null; remove it to use the defaults or give it as an object { ... }"];
        }

        var errors = new List<string>();
        if (sip.Accounts.Count > 2)
        {
            errors.Add($"sip.accounts: {sip.Accounts.Count} accounts; at most two (primary and failover)");
        }

        for (var i = 0; i < sip.Accounts.Count; i++)
        {
            var account = sip.Accounts[i];
            foreach (var message in account.Validate())
            {
                errors.Add($"sip.accounts[{i}].{AsJsonField(message, account.Name)}");
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(sip.Accounts[j].Name, account.Name, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add($"sip.accounts[{i}].name: \"{account.Name}\" is also the name of sip.accounts[{j}]; give each account its own name");
                }
            }
        }

        if (!IPAddress.TryParse(sip.BindAddress, out _))
        {
            errors.Add($"sip.bindAddress: \"{sip.BindAddress}\" is not an IP address; use \"0.0.0.0\" or one of this device's addresses");
        }

        CheckPort("sip.udpPort", sip.UdpPort, errors);
        CheckPort("sip.tcpPort", sip.TcpPort, errors);
        if (!(sip.RtpPortMinimum == 0 && sip.RtpPortMaximum == 0)
            && (sip.RtpPortMinimum is < 1024 or > 65534 || sip.RtpPortMaximum > 65535 || sip.RtpPortMaximum - sip.RtpPortMinimum < 3))
        {
            errors.Add($"sip.rtpPortMinimum/rtpPortMaximum: {sip.RtpPortMinimum}-{sip.RtpPortMaximum} is not a usable range; use e.g. 20000-20999 (at least 4 ports, above 1023) or 0-0 for any");
        }

        if (sip.Codecs.Count == 0 || sip.Codecs.Distinct().Count() != sip.Codecs.Count)
        {
            errors.Add("sip.codecs: give each codec at most once and at least one; G.711 (\"pcma\", \"pcmu\") works with every phone");
        }
        else if (!sip.Codecs.Contains(AudioCodec.Pcma) && !sip.Codecs.Contains(AudioCodec.Pcmu))
        {
            errors.Add("sip.codecs: no G.711; add \"pcma\" or \"pcmu\", which every SIP phone speaks");
        }

        if (sip.RtpTimeout < TimeSpan.FromSeconds(5) || sip.RtpTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"sip.rtpTimeout: {sip.RtpTimeout} is out of range; use 00:00:05 to 00:10:00 (default 00:00:30)");
        }

        return errors;
    }

    private static void CheckPort(string path, int port, List<string> errors)
    {
        if (port is < 0 or > 65535)
        {
            errors.Add($"{path}: {port} is not a port; use 1-65535 (5060 by default) or 0 for any free port");
        }
    }

    /// <summary>The SIP library says <c>door.User: required ...</c>; the file calls it <c>user: required ...</c>.</summary>
    private static string AsJsonField(string message, string accountName)
    {
        var text = message.StartsWith(accountName + ".", StringComparison.Ordinal) ? message[(accountName.Length + 1)..] : message;
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }
}
