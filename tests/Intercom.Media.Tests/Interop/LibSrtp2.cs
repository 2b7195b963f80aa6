using System.Runtime.InteropServices;

namespace Intercom.Media.Tests.Interop;

/// <summary>
/// Minimal binding to Debian's libsrtp2 (libsrtp2-1), the reference our SRTP is checked and benchmarked against.
/// The policy struct is laid out as in srtp2/srtp.h of libsrtp 2.5 (128 bytes on 64-bit Linux).
/// </summary>
internal static unsafe partial class LibSrtp2
{
    public const int ProfileAes128CmSha1Tag80 = 1;
    public const int ProfileAes128CmSha1Tag32 = 2;
    public const int ProfileAeadAes128Gcm = 7;

    private const string Library = "libsrtp2.so.1";

    [LibraryImport(Library, EntryPoint = "srtp_init")]
    public static partial int Init();

    [LibraryImport(Library, EntryPoint = "srtp_create")]
    public static partial int Create(out IntPtr session, byte* policy);

    [LibraryImport(Library, EntryPoint = "srtp_dealloc")]
    public static partial int Dealloc(IntPtr session);

    [LibraryImport(Library, EntryPoint = "srtp_protect")]
    public static partial int Protect(IntPtr session, byte* packet, int* length);

    [LibraryImport(Library, EntryPoint = "srtp_unprotect")]
    public static partial int Unprotect(IntPtr session, byte* packet, int* length);

    [LibraryImport(Library, EntryPoint = "srtp_protect_rtcp")]
    public static partial int ProtectRtcp(IntPtr session, byte* packet, int* length);

    [LibraryImport(Library, EntryPoint = "srtp_unprotect_rtcp")]
    public static partial int UnprotectRtcp(IntPtr session, byte* packet, int* length);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_from_profile_for_rtp")]
    public static partial int SetRtpPolicy(byte* cryptoPolicy, int profile);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_from_profile_for_rtcp")]
    public static partial int SetRtcpPolicy(byte* cryptoPolicy, int profile);
}
