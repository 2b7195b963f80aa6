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

    /// <summary>The local HTTP endpoint.</summary>
    public HttpOptions Http { get; set; } = new();

    /// <summary>Codecs, SRTP and DTMF of calls, per account if needed.</summary>
    public Calls.CallMediaOptions Media { get; set; } = new();
}
