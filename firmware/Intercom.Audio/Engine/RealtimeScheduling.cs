using System.Runtime.InteropServices;

namespace Intercom.Audio.Engine;

/// <summary>
/// Puts the calling thread under SCHED_FIFO. <see cref="Thread.Priority"/> does nothing on Linux; the kernel's
/// real-time class is reached only through the scheduler calls.
/// </summary>
internal static partial class RealtimeScheduling
{
    private const int SchedulerFifo = 1;

    /// <summary>
    /// Asks SCHED_FIFO at <paramref name="priority"/> (1–99) for the calling thread. Returns 0 on success, else
    /// the errno (EPERM without CAP_SYS_NICE or an RLIMIT_RTPRIO, EINVAL for a bad priority).
    /// </summary>
    public static int TrySetFifo(int priority)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 38; // ENOSYS
        }

        // sched_setscheduler(2): on Linux pid 0 means the calling thread, not the whole process.
        var parameters = new SchedulingParameters { Priority = priority };
        return sched_setscheduler(0, SchedulerFifo, ref parameters) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>The calling thread's policy (0 SCHED_OTHER, 1 SCHED_FIFO, 2 SCHED_RR), or −1.</summary>
    public static int CurrentPolicy() => OperatingSystem.IsLinux() ? sched_getscheduler(0) : -1;

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static partial int sched_setscheduler(int pid, int policy, ref SchedulingParameters parameters);

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static partial int sched_getscheduler(int pid);

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedulingParameters
    {
        public int Priority;
    }
}
