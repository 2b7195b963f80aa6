using Microsoft.Win32.SafeHandles;

namespace Intercom.Audio.Alsa;

/// <summary>A private <c>snd_config_t</c> tree, deleted on release.</summary>
internal sealed class AlsaConfigurationSafeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public AlsaConfigurationSafeHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => AlsaNative.snd_config_delete(handle) == 0;
}
