using System.Net;

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

        if (sip.BanList is null)
        {
            errors.Add("sip.banList: the section is null; remove it to use the defaults or give it as an object { ... }");
        }
        else
        {
            foreach (var message in sip.BanList.Validate())
            {
                errors.Add("sip.banList." + char.ToLowerInvariant(message[0]) + message[1..]);
            }
        }

        CheckPort("sip.udpPort", sip.UdpPort, errors);
        CheckPort("sip.tcpPort", sip.TcpPort, errors);
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
