using System.Runtime.InteropServices;

namespace Intercom.Media.Tests.Interop;

/// <summary>One libsrtp2 session (sender or receiver for any SSRC) with its policy and key kept in native memory.</summary>
internal sealed unsafe class LibSrtp2Session : IDisposable
{
    private const int PolicySize = 128;
    private const int RtpCryptoPolicyOffset = 8;
    private const int RtcpCryptoPolicyOffset = 32;
    private const int KeyOffset = 56;
    private const int WindowSizeOffset = 88;
    private const int SsrcAnyInbound = 2;
    private const int SsrcAnyOutbound = 3;

    private static readonly int InitStatus = LibSrtp2.Init();

    private readonly byte* policy;
    private readonly byte* key;
    private IntPtr session;

    public LibSrtp2Session(int profile, ReadOnlySpan<byte> masterKeyAndSalt, bool inbound)
    {
        if (InitStatus != 0)
        {
            throw new InvalidOperationException($"srtp_init failed: {InitStatus}");
        }

        policy = (byte*)NativeMemory.AllocZeroed(PolicySize);
        key = (byte*)NativeMemory.AllocZeroed(64);
        masterKeyAndSalt.CopyTo(new Span<byte>(key, 64));
        *(int*)policy = inbound ? SsrcAnyInbound : SsrcAnyOutbound;
        Check(LibSrtp2.SetRtpPolicy(policy + RtpCryptoPolicyOffset, profile), "rtp policy");
        Check(LibSrtp2.SetRtcpPolicy(policy + RtcpCryptoPolicyOffset, profile), "rtcp policy");
        *(byte**)(policy + KeyOffset) = key;
        *(ulong*)(policy + WindowSizeOffset) = 128;
        Check(LibSrtp2.Create(out session, policy), "srtp_create");
    }

    public int Protect(Span<byte> buffer, int length) => Run(buffer, length, &LibSrtp2.Protect);

    public int Unprotect(Span<byte> buffer, int length) => Run(buffer, length, &LibSrtp2.Unprotect);

    public int ProtectRtcp(Span<byte> buffer, int length) => Run(buffer, length, &LibSrtp2.ProtectRtcp);

    public int UnprotectRtcp(Span<byte> buffer, int length) => Run(buffer, length, &LibSrtp2.UnprotectRtcp);

    /// <summary>Returns the new length, or the negated libsrtp2 error status.</summary>
    private int Run(Span<byte> buffer, int length, delegate*<IntPtr, byte*, int*, int> operation)
    {
        fixed (byte* packet = buffer)
        {
            int size = length;
            int status = operation(session, packet, &size);
            return status == 0 ? size : -status;
        }
    }

    public void Dispose()
    {
        if (session != IntPtr.Zero)
        {
            _ = LibSrtp2.Dealloc(session);
            session = IntPtr.Zero;
        }

        NativeMemory.Free(policy);
        NativeMemory.Free(key);
    }

    private static void Check(int status, string what)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"libsrtp2 {what} failed with status {status}");
        }
    }
}
