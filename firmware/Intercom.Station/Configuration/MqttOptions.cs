namespace Intercom.Station.Configuration;

/// <summary>
/// The <c>mqtt</c> section: the broker connection, topics, Home Assistant discovery and the command token.
/// <see cref="Password"/> and <see cref="CommandToken"/> are secrets: write-only on the web page, never logged.
/// </summary>
public sealed class MqttOptions
{
    /// <summary>Connect to the broker at all.</summary>
    public bool Enabled { get; set; }

    /// <summary>The broker's host name or address.</summary>
    public string Host { get; set; } = "";

    /// <summary>The broker's TCP port (1883, or 8883 with TLS).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Connect over TLS; the broker's certificate must chain to <see cref="CaFile"/> (or the system store when empty).</summary>
    public bool UseTls { get; set; }

    /// <summary>A PEM file with the CA certificate that signed the broker's certificate; empty for the system store.</summary>
    public string CaFile { get; set; } = "";

    /// <summary>The broker user name; commands act only on an authenticated connection, so it is required.</summary>
    public string Username { get; set; } = "";

    /// <summary>The broker password (secret).</summary>
    public string Password { get; set; } = "";

    /// <summary>The MQTT client identifier.</summary>
    public string ClientId { get; set; } = "intercom";

    /// <summary>The prefix of every state and command topic (<c>intercom/availability</c>, <c>intercom/call</c>, ...).</summary>
    public string BaseTopic { get; set; } = "intercom";

    /// <summary>Publish Home Assistant MQTT discovery messages.</summary>
    public bool HomeAssistantDiscovery { get; set; } = true;

    /// <summary>The Home Assistant discovery prefix.</summary>
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>The device name shown in Home Assistant.</summary>
    public string DeviceName { get; set; } = "Door station";

    /// <summary>
    /// The token a command message must carry (secret, at least 16 characters); empty turns the command topics off.
    /// It is also put in the retained discovery message of the open-door button, so the broker's ACL must let only
    /// the home automation read the discovery prefix.
    /// </summary>
    public string CommandToken { get; set; } = "";

    /// <summary>The relay the open-door command pulses; empty for the first relay.</summary>
    public string DoorRelay { get; set; } = "";

    /// <summary>The MQTT keep-alive period.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first reconnect delay; it doubles up to <see cref="ReconnectMaximumDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectMinimumDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan ReconnectMaximumDelay { get; set; } = TimeSpan.FromMinutes(2);
}
