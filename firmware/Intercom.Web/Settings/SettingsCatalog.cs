using Intercom.Hardware.Boards;

namespace Intercom.Web.Settings;

/// <summary>
/// Every settings page the web page offers. A new section (the SIP accounts, call plans) becomes a page by adding
/// one entry here; the browser renders the form from it and the server saves it through the configuration store.
/// </summary>
public static class SettingsCatalog
{
    private static readonly SettingsField Name = new("name", "Name", "text", "1-32 lower case letters, digits or '-'; used in logs and API routes");
    private static readonly SettingsField Pin = new("pin", "GPIO (BCM number)", "optionalInteger", "Give a GPIO or a board channel, not both", Minimum: 2, Maximum: 27);
    private static readonly SettingsField ActiveLow = new("activeLow", "Active low", "optionalBoolean", "Default: as the board channel says");

    private static SettingsField Channel() =>
        new("channel", "Board channel", "optionalText", "A channel of the board profile: " + string.Join(", ", BoardProfileCatalog.Find("generic")?.Channels.Select(c => c.Name) ?? []));

    /// <summary>The pages in menu order.</summary>
    public static IReadOnlyList<SettingsPage> Pages { get; } =
    [
        new("inputs", "Inputs", "hardware",
            "Door buttons, exit button, door contact and tamper switch. Debounce and minimum press time stop phantom rings.",
            RestartRequired: true,
            [
                new SettingsField("inputs", "Input", "list", Fields:
                [
                    Name,
                    new("kind", "Kind", "choice", Choices: ["doorButton", "exitButton", "doorContact", "tamper"]),
                    Pin, Channel(), ActiveLow,
                    new("bias", "Bias resistor", "choice", Choices: ["pullUp", "pullDown", "none"]),
                    new("debounceTime", "Debounce time (s)", "duration", "Typical 0.03", Minimum: 0.001, Maximum: 1),
                    new("minimumPressDuration", "Minimum press (s)", "duration", "Shorter presses are ignored; typical 0.08", Minimum: 0.001, Maximum: 10),
                ]),
            ]),
        new("relays", "Relays", "hardware",
            "Door strike, gate and light relays. A pulse never lasts longer than the maximum on-time.",
            RestartRequired: true,
            [
                new SettingsField("relays", "Relay", "list", Fields:
                [
                    Name, Pin, Channel(), ActiveLow,
                    new("mode", "Mode", "choice", "Monostable pulses; bistable toggles", Choices: ["monostable", "bistable"]),
                    new("pulseDuration", "Pulse (s)", "duration", "Typical 3", Minimum: 0.05, Maximum: 3600),
                    new("maximumOnTime", "Maximum on-time (s)", "duration", "Hard limit, at most 3600", Minimum: 0.05, Maximum: 3600),
                ]),
            ]),
        new("leds", "LEDs", "hardware", "Status LEDs.", RestartRequired: true,
            [
                new SettingsField("leds", "LED", "list", Fields: [Name, Pin, Channel(), ActiveLow]),
            ]),
        new("gpio", "GPIO and board", "hardware", "The GPIO driver and the board profile whose channels the items name.", RestartRequired: true,
            [
                new("gpio.driver", "GPIO driver", "choice", "simulated on a laptop, libgpiod on a Pi", Choices: ["simulated", "libgpiod"]),
                new("gpio.chipLabel", "GPIO chip label", "optionalText", "pinctrl-rp1 (Pi 5), pinctrl-bcm2711 (Pi 4), pinctrl-bcm2835 (Pi 3, Zero 2 W)"),
                new("gpio.libgpiodApiVersion", "libgpiod API", "choice", "1: Debian 12, 2: Debian 13", Choices: ["1", "2"]),
                new("board", "Board profile", "choice", Choices: [.. BoardProfileCatalog.Names]),
            ]),
        new("audio", "Audio", "audio",
            "Microphone gain, loudspeaker volume and the processing switches. Gain and volume apply at once; the rest restarts the audio engine.",
            RestartRequired: false,
            [
                new("microphoneGainDb", "Microphone gain (dB)", "number", "-20 to 30", Minimum: -20, Maximum: 30),
                new("speakerVolumePercent", "Loudspeaker volume (%)", "integer", "0 to 100", Minimum: 0, Maximum: 100),
                new("echoCancellationEnabled", "Echo cancellation", "boolean", "Keep on: the visitor's loudspeaker is close to the microphone"),
                new("noiseSuppressionEnabled", "Noise suppression", "boolean"),
                new("automaticGainControlEnabled", "Automatic gain control", "boolean"),
                new("automaticGainControlTargetDbfs", "AGC target (dBFS)", "number", "-30 to -6", Minimum: -30, Maximum: -6),
                new("backend", "Sound card", "choice", "alsa for a real card, simulated without one", Choices: ["alsa", "simulated"]),
                new("captureDevice", "ALSA capture device", "text", "default, or e.g. plughw:CARD=Device,DEV=0"),
                new("playbackDevice", "ALSA playback device", "text"),
                new("sampleRateHz", "Sample rate (Hz)", "choice", "16000 (G.722) or 48000 (Opus)", Choices: ["16000", "48000"]),
            ]),
        new("web", "Web access", "web",
            "Where this page listens. Changes take effect after a restart; a wrong address can lock you out.",
            RestartRequired: true,
            [
                new("listenAddress", "Listen address", "text", "any (every interface) or one IP address"),
                new("httpPort", "HTTP port (redirects)", "integer", Minimum: 0, Maximum: 65535),
                new("httpsPort", "HTTPS port", "integer", Minimum: 0, Maximum: 65535),
                new("sessionIdleTimeout", "Log out after idle (s)", "duration", Minimum: 60, Maximum: 604800),
                new("sessionLifetime", "Log out after (s)", "duration", Minimum: 60, Maximum: 604800),
            ]),
        new("mqtt", "MQTT", "mqtt",
            "Home Assistant and other home automation over an MQTT broker: ring events, call, door and registration state, and commands to open the door and hang up. Applies at once.",
            RestartRequired: false,
            [
                new("enabled", "Connect to a broker", "boolean"),
                new("host", "Broker host", "text", "Host name or address of the broker"),
                new("port", "Broker port", "integer", "1883, or 8883 with TLS", Minimum: 1, Maximum: 65535),
                new("useTls", "TLS", "boolean", "Encrypt the connection to the broker"),
                new("caFile", "CA certificate file", "optionalText", "PEM file of the CA that signed the broker's certificate; empty for the system store"),
                new("username", "User name", "text", "The broker account of this door station"),
                new("password", "Password", "secret", "Write-only: leave empty to keep the stored one"),
                new("clientId", "Client id", "text", "Unique on the broker; also the Home Assistant device id"),
                new("baseTopic", "Base topic", "text", "e.g. intercom: intercom/call, intercom/command/open, ..."),
                new("homeAssistantDiscovery", "Home Assistant discovery", "boolean"),
                new("discoveryPrefix", "Discovery prefix", "text", "homeassistant unless changed in Home Assistant"),
                new("deviceName", "Device name", "text", "The name Home Assistant shows"),
                new("commandToken", "Command token", "secret", "Commands must carry it; at least 16 characters; empty turns commands off. It is in the retained discovery message: let only Home Assistant read the discovery prefix (broker ACL)."),
                new("doorRelay", "Relay opened by MQTT", "optionalText", "Empty for the first relay"),
            ]),
        new("webhooks", "Webhooks", "webhooks",
            "HTTP POSTs on events (ring, answered, missed, callEnded, doorOpened, tamper, registrationLost, registrationRestored), signed with HMAC-SHA256 in X-Intercom-Signature over \"timestamp.body\". Applies at once.",
            RestartRequired: false,
            [
                new SettingsField("targets", "Receiver", "list", Fields:
                [
                    new("url", "URL", "text", "https://... (http only on a trusted network)"),
                    new("secret", "Signing secret", "secret", "Write-only; at least 16 characters"),
                ]),
                new("timeout", "Timeout (s)", "duration", Minimum: 0.1, Maximum: 60),
                new("maximumAttempts", "Attempts", "integer", "1 to 10", Minimum: 1, Maximum: 10),
            ]),
    ];

    /// <summary>The page with <paramref name="id"/>; null when there is none.</summary>
    public static SettingsPage? Find(string id) => Pages.FirstOrDefault(page => string.Equals(page.Id, id, StringComparison.Ordinal));
}
