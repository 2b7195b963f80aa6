using Microsoft.Win32.SafeHandles;

namespace Intercom.Media.Codecs.Opus;

/// <summary>Owns a native OpusEncoder.</summary>
internal sealed class OpusEncoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OpusEncoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpusNative.EncoderDestroy(handle);
        return true;
    }
}
