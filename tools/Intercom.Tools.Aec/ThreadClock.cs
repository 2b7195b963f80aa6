using System.Runtime.InteropServices;

namespace Intercom.Tools.Aec;

/// <summary>
/// CPU time of the calling thread (clock_gettime CLOCK_THREAD_CPUTIME_ID), so that the per-frame cost does not
/// count the time the thread waited while the shared machine ran something else.
/// </summary>
internal static partial class ThreadClock
{
    private const int ClockThreadCpuTime = 3;

    /// <summary>Thread CPU time in nanoseconds, or −1 where the clock is not available.</summary>
    public static long Nanoseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTime, out TimeSpec time) != 0)
        {
            return -1;
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
