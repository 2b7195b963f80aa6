using System.Runtime.InteropServices;

namespace Intercom.Media.Tests.Interop;

/// <summary>The G.722 functions of Debian's libspandsp (the G.722 that baresip's g722 module uses), as a reference.</summary>
internal static unsafe partial class LibSpanDsp
{
    private const string Library = "libspandsp.so.2";

    [LibraryImport(Library, EntryPoint = "g722_encode_init")]
    public static partial IntPtr G722EncodeInit(IntPtr state, int rate, int options);

    [LibraryImport(Library, EntryPoint = "g722_encode")]
    public static partial int G722Encode(IntPtr state, byte* data, short* amplitudes, int length);

    [LibraryImport(Library, EntryPoint = "g722_encode_free")]
    public static partial int G722EncodeFree(IntPtr state);

    [LibraryImport(Library, EntryPoint = "g722_decode_init")]
    public static partial IntPtr G722DecodeInit(IntPtr state, int rate, int options);

    [LibraryImport(Library, EntryPoint = "g722_decode")]
    public static partial int G722Decode(IntPtr state, short* amplitudes, byte* data, int length);

    [LibraryImport(Library, EntryPoint = "g722_decode_free")]
    public static partial int G722DecodeFree(IntPtr state);
}
