using Microsoft.Win32.SafeHandles;

namespace Intercom.Media.Codecs.Opus;

/// <summary>Owns a native OpusDecoder.</summary>
internal sealed class OpusDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OpusDecoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpusNative.DecoderDestroy(handle);
        return true;
    }
}
