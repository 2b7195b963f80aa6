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

    private static readonly string[] Codecs = ["g722", "pcma", "pcmu", "opus"];
    private static readonly string[] SrtpPolicies = ["off", "optional", "mandatory"];
    private static readonly string[] DtmfModes = ["auto", "rfc4733", "info", "inBand"];

    private static SettingsField Target(string key, string label) =>
        new(key, label, "optionalText", "An extension (**610), a sip: URI (sip:bob@192.168.1.30) or an IP address");

    private static SettingsField TargetAccount(string key) =>
        new(key, "Through account", "optionalText", "Empty: the first registered account; give an account's name to pin it");

    /// <summary>The pages in menu order.</summary>
    public static IReadOnlyList<SettingsPage> Pages { get; } =
    [
        new("sip", "SIP accounts", "sip",
            "Up to two accounts in failover order (the first registered one places calls). A save re-registers at once; the dashboard shows each registrar's last answer.",
            RestartRequired: false,
            [
                new SettingsField("accounts", "Account", SettingsField.ListKind, Fields:
                [
                    new("name", "Account name", "text", "Shown on the dashboard and in logs, e.g. fritzbox"),
                    new("enabled", "Enabled", "optionalBoolean", "Default: yes"),
                    new("registrar", "Registrar", "optionalText", "host, host:port or a sip:/sips: URI, e.g. fritz.box; empty for direct IP calls only"),
                    new("outboundProxy", "Outbound proxy", "optionalText", "Every request goes through it; empty for none"),
                    new("user", "User", "text", "The number or name this door station registers as, e.g. 620"),
                    new("authUser", "Authentication user", "optionalText", "Only when it differs from the user (3CX, some FritzBox setups)"),
                    new("realm", "Realm", "optionalText", "Empty answers any realm the registrar names"),
                    new("password", "Password", "secret", "Write-only: leave empty to keep the stored password"),
                    new("domain", "Domain", "optionalText", "Empty: the registrar's host"),
                    new("displayName", "Display name", "optionalText", "What the phones show, e.g. Front door"),
                    new("transport", "Transport", "choice", "auto follows the registrar URI; tls needs sips: or a TLS port", Choices: ["auto", "udp", "tcp", "tls"]),
                    new("registrationExpiry", "Registration lifetime (s)", "duration", "60 to 86400; typical 600", Minimum: 60, Maximum: 86400),
                ]),
                new("bindAddress", "SIP address", "text", "0.0.0.0 listens on every interface; or one of this device's addresses"),
                new("udpPort", "SIP UDP port", "integer", "5060 by default; 0 picks a free port", Minimum: 0, Maximum: 65535),
                new("tcpPort", "SIP TCP port", "integer", "5060 by default; 0 picks a free port", Minimum: 0, Maximum: 65535),
            ]),
        new("media", "Codecs, SRTP and DTMF", "media",
            "What calls offer and accept. Per account overrides below win over the defaults (e.g. G.711 only and SIP INFO for a PBX trunk).",
            RestartRequired: false,
            [
                new("codecs", "Codec order", "choiceList", "Best first, comma-separated: g722, pcma, pcmu, opus (FritzBox DECT has no opus)", Choices: Codecs),
                new("srtp", "SRTP (encrypted audio)", "choice", "optional encrypts when the phone can; mandatory refuses calls without it", Choices: SrtpPolicies),
                new("dtmfMode", "DTMF sent as", "choice", "auto: RFC 4733 when the phone offers it, else SIP INFO. Every kind is received.", Choices: DtmfModes),
                new("ptime", "Packet time (s)", "duration", "0.02 is what phones expect", Minimum: 0.01, Maximum: 0.06),
                new("rtpTimeout", "Hang up after no audio for (s)", "duration", "0 turns the check off; typical 30", Minimum: 0, Maximum: 3600),
                new("rtpPortMinimum", "Lowest RTP port", "integer", "0 and 0: any free port", Minimum: 0, Maximum: 65535),
                new("rtpPortMaximum", "Highest RTP port", "integer", Minimum: 0, Maximum: 65535),
                new("localAddress", "Media address", "text", "Empty picks the interface that routes to the phone"),
                new("advertisedAddress", "Advertised media address", "optionalText", "Put into SDP instead of the media address (static NAT, port forward); empty for none"),
                new SettingsField("accounts", "Account override", "map", Fields:
                [
                    new("name", "SIP account", "text", "The account's name"),
                    new("codecs", "Codec order", "optionalChoiceList", "Empty: the default order", Choices: Codecs),
                    new("srtp", "SRTP", "optionalChoice", Choices: SrtpPolicies),
                    new("dtmfMode", "DTMF sent as", "optionalChoice", Choices: DtmfModes),
                ]),
            ]),
        new("buttons", "Buttons and call plans", "station",
            "Which phones ring when a button is pressed: all at once (parallel, the first to answer wins) or one after the other (sequential), with a fallback when nobody answers.",
            RestartRequired: false,
            [
                new SettingsField("buttons", "Button", SettingsField.ListKind, Fields:
                [
                    new("input", "Door button input", "text", "The name of a door button on the Inputs page, e.g. door"),
                    new("mode", "Ringing", "choice", Choices: ["parallel", "sequential"]),
                    new("ringTimeout", "Give up after (s)", "duration", "5 to 300; typical 30", Minimum: 5, Maximum: 300),
                    new SettingsField("targets", "Target", SettingsField.ListKind, Fields:
                    [
                        new("target", "Call", "text", "An extension (**610), a sip: URI or an IP address"),
                        TargetAccount("account"),
                        new("ringTime", "Ring time in a sequence (s)", "duration", "3 to 300; typical 20", Minimum: 3, Maximum: 300),
                    ]),
                    Target("fallback.target", "Fallback when nobody answers"),
                    TargetAccount("fallback.account"),
                ]),
                new("secondPress", "A press during a call", "choice", "hangUp ends the call; restart rings again; ignore does nothing", Choices: ["hangUp", "ignore", "restart"]),
                new("maximumCallTime", "Maximum call time (s)", "duration", "10 to 3600; typical 180", Minimum: 10, Maximum: 3600),
                new("warningBeforeEnd", "Warning tone before the end (s)", "duration", Minimum: 0, Maximum: 3600),
                new("hangUpAfterDoorOpened", "Hang up after the door opened (s)", "duration", "0 keeps the call up", Minimum: 0, Maximum: 60),
                new("callLed", "Call LED", "optionalText", "An LED's name: idle, calling, talking, door open"),
                new("statusLed", "Status LED", "optionalText", "An LED's name: faults (not registered, tamper)"),
            ]),
        new("doorcodes", "Door codes", "station",
            "DTMF codes a resident keys in during a call to open a relay. Codes are write-only: this page never shows them; leave a code empty to keep it.",
            RestartRequired: false,
            [
                new SettingsField("doorCodes", "Door code", SettingsField.ListKind, Fields:
                [
                    new("relay", "Relay", "text", "The relay this code opens, e.g. strike"),
                    new("code", "Code", "secret", "1 to 16 of 0-9, *, A-D; # ends the entry"),
                ]),
                new("interDigitTimeout", "Pause that ends an entry (s)", "duration", "1 to 30; typical 3", Minimum: 1, Maximum: 30),
                new("maximumWrongCodesPerCall", "Wrong codes before hanging up", "integer", "1 to 10", Minimum: 1, Maximum: 10),
                new("maximumWrongCodes", "Wrong codes in a row before lockout", "integer", "1 to 50", Minimum: 1, Maximum: 50),
                new("codeLockoutDuration", "Lockout (s)", "duration", "10 to 86400; typical 300", Minimum: 10, Maximum: 86400),
                new("exitButtonRelay", "Exit button opens", "optionalText", "The relay the exit button pulses; empty for none"),
                new("doorOpenTooLong", "Door open alarm after (s)", "duration", Minimum: 5, Maximum: 3600),
                new("tamperLockoutDuration", "Tamper locks relays for (s)", "duration", "0 turns it off", Minimum: 0, Maximum: 604800),
            ]),
        new("inbound", "Inbound calls", "station",
            "Who may call the door station. Everyone else gets 403 and never rings, listens or opens. Caller ID is not proof: prefer calls through the registrar.",
            RestartRequired: false,
            [
                new("inbound.onlyFromRegistrar", "Only through a registrar", "boolean", "Accept INVITEs only from a configured account's registrar or proxy address"),
                new SettingsField("inbound.callers", "Allowed caller", SettingsField.ListKind, Fields:
                [
                    new("caller", "Caller", "text", "A number or user name (610, +49 30 1234-567, alice); * for any caller"),
                    new("account", "Through account", "optionalText", "Empty: any account or a direct call"),
                    new("mode", "Answer", "choice", "talk: both ways; listenOnly: the caller only hears the door", Choices: ["talk", "listenOnly"]),
                    new("mayOpenDoor", "May open the door with a code", "boolean"),
                ]),
            ]),
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
