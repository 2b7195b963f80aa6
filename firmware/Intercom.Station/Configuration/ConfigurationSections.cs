using Intercom.Audio;
using Intercom.Hardware.Configuration;

namespace Intercom.Station.Configuration;

/// <summary>The one place where every configuration section's validator is registered.</summary>
public static class ConfigurationSections
{
    /// <summary>Every section, in file order.</summary>
    public static IReadOnlyList<IConfigurationSectionValidator> All { get; } =
    [
        new SectionValidator<HardwareOptions>("hardware", options => options.Hardware, new HardwareOptionsValidator()),
        new SectionValidator<AudioOptions>("audio", options => options.Audio, new AudioSectionValidator()),
        new SectionValidator<WebOptions>("web", options => options.Web, new WebOptionsValidator()),
        new SectionValidator<SecurityOptions>("security", options => options.Security, new SecurityOptionsValidator()),
        new SipOptionsValidator(),
        new StationOptionsValidator(),
        new SectionValidator<StorageOptions>("storage", options => options.Storage, new StorageOptionsValidator()),
        new SectionValidator<Calls.CallMediaOptions>(Calls.CallMediaOptionsValidator.SectionName, options => options.Media, new Calls.CallMediaOptionsValidator()),
        new SectionValidator<MqttOptions>("mqtt", options => options.Mqtt, new MqttOptionsValidator()),
        new SectionValidator<WebhookOptions>("webhooks", options => options.Webhooks, new WebhookOptionsValidator()),
    ];

    /// <summary>Validates every section; an empty list means the configuration is good.</summary>
    public static IReadOnlyList<string> Validate(IntercomOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var section in All)
        {
            errors.AddRange(section.Validate(options));
        }

        return errors;
    }
}
