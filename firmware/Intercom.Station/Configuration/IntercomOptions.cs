using Intercom.Audio;
using Intercom.Hardware.Configuration;

namespace Intercom.Station.Configuration;

/// <summary>
/// The whole configuration file: one section per layer. To add a section, add its options class here and register
/// its validator in <see cref="ConfigurationSections"/>. Options classes have setters (source-generated JSON drops
/// initializer defaults of init-only properties) but are treated as immutable snapshots: a change builds a new tree
/// and goes through <see cref="ConfigurationStore.TryApply"/>.
/// </summary>
public sealed class IntercomOptions
{
    /// <summary>GPIO driver, board, inputs, relays, LEDs.</summary>
    public HardwareOptions Hardware { get; set; } = new();

    /// <summary>Sound card, gains, echo canceller and noise suppressor switches.</summary>
    public AudioOptions Audio { get; set; } = new();

    /// <summary>The web page and HTTP API: addresses, ports, sessions.</summary>
    public WebOptions Web { get; set; } = new();

    /// <summary>Administrator password hash and API tokens.</summary>
    public SecurityOptions Security { get; set; } = new();

    /// <summary>SIP accounts, transport and media.</summary>
    public SipOptions Sip { get; set; } = new();

    /// <summary>Buttons and call plans, door codes, timings, inbound policy.</summary>
    public StationOptions Station { get; set; } = new();

    /// <summary>The state directory and log bounds.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>Codecs, SRTP and DTMF of calls, per account if needed.</summary>
    public Calls.CallMediaOptions Media { get; set; } = new();

    /// <summary>The MQTT broker connection, topics and Home Assistant discovery.</summary>
    public MqttOptions Mqtt { get; set; } = new();

    /// <summary>Where events are posted (webhooks).</summary>
    public WebhookOptions Webhooks { get; set; } = new();

    /// <summary>Who may read <c>/metrics</c>.</summary>
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>
    /// A new tree with <paramref name="security"/> and every other section of this one (shared: sections are
    /// snapshots). Changes of one section go through here, so a section added later is never dropped on a save.
    /// </summary>
    public IntercomOptions WithSecurity(SecurityOptions security)
    {
        ArgumentNullException.ThrowIfNull(security);
        return new IntercomOptions
        {
            Hardware = Hardware,
            Audio = Audio,
            Web = Web,
            Security = security,
            Sip = Sip,
            Station = Station,
            Storage = Storage,
            Media = Media,
            Mqtt = Mqtt,
            Webhooks = Webhooks,
            Metrics = Metrics,
        };
    }
}
