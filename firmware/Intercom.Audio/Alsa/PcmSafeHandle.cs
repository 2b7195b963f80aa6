using Microsoft.Win32.SafeHandles;

namespace Intercom.Audio.Alsa;

/// <summary>An open <c>snd_pcm_t</c>; closing it releases the sound card for the next open.</summary>
internal sealed class PcmSafeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PcmSafeHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => AlsaNative.snd_pcm_close(handle) == 0;
}
