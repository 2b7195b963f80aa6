using Intercom.Tools.Fuzz.Engine;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>Every fuzz target, one per parser that reads outside input.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new SipMessageTarget(),
        new SipHeaderTarget(),
        new DigestTarget(),
        new SdpTarget(),
        new SdpNegotiationTarget(),
        new RtpTarget(),
        new RtpStreamTarget(),
        new SrtpTarget(),
        new DtmfTarget(),
        new ConfigurationTarget(),
        new WebSettingsTarget(),
    ];

    /// <summary>The target with this name, or null.</summary>
    public static IFuzzTarget? Find(string name)
    {
        foreach (IFuzzTarget target in All)
        {
            if (string.Equals(target.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return target;
            }
        }

        return null;
    }
}
