using System.Text;

namespace Intercom.Integration.Mqtt;

/// <summary>The topics under <c>mqtt.baseTopic</c>.</summary>
/// <param name="BaseTopic">The prefix, e.g. <c>intercom</c>.</param>
public sealed record MqttTopics(string BaseTopic)
{
    /// <summary><c>online</c> (retained) while connected; the broker publishes the last will <c>offline</c>.</summary>
    public string Availability => BaseTopic + "/availability";

    /// <summary>Call state (retained): <c>idle</c>, <c>ringing</c>, <c>answering</c>, <c>talking</c>.</summary>
    public string Call => BaseTopic + "/call";

    /// <summary>Door contact (retained): <c>open</c> or <c>closed</c>.</summary>
    public string Door => BaseTopic + "/door";

    /// <summary>Every event as JSON (not retained).</summary>
    public string Event => BaseTopic + "/event";

    /// <summary>The doorbell: a JSON event with <c>event_type</c> <c>ring</c> per visitor call (not retained).</summary>
    public string Ring => BaseTopic + "/ring";

    /// <summary>The open-door command: <c>{"token":"...","relay":"strike"}</c> (relay optional).</summary>
    public string OpenCommand => BaseTopic + "/command/open";

    /// <summary>The hang-up command: <c>{"token":"..."}</c>.</summary>
    public string HangUpCommand => BaseTopic + "/command/hangup";

    /// <summary>A SIP account's registration state (retained).</summary>
    public string Registration(string account) => BaseTopic + "/registration/" + Level(account);

    /// <summary>A name made safe as one topic level and as a Home Assistant object id: letters, digits, '_' and '-'.</summary>
    public static string Level(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }
}
