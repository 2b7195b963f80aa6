using System.Globalization;

namespace Intercom.Device.Systemd;

/// <summary>The service watchdog systemd asked for (<c>WatchdogSec=</c> in the unit).</summary>
public static class SystemdWatchdogSettings
{
    /// <summary>The watchdog timeout in microseconds, set by systemd.</summary>
    public const string TimeoutVariable = "WATCHDOG_USEC";

    /// <summary>The process the watchdog is meant for, set by systemd.</summary>
    public const string ProcessVariable = "WATCHDOG_PID";

    /// <summary>
    /// The watchdog timeout, or null when systemd asked for none or asked another process
    /// (sd_watchdog_enabled(3): <c>WATCHDOG_PID</c>, when set, must be our process id).
    /// </summary>
    public static TimeSpan? FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable, Environment.ProcessId);

    /// <summary>As <see cref="FromEnvironment"/>, reading variables through <paramref name="variable"/>.</summary>
    public static TimeSpan? FromVariables(Func<string, string?> variable, int processId)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var timeout = variable(TimeoutVariable);
        if (!long.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds <= 0)
        {
            return null;
        }

        var process = variable(ProcessVariable);
        if (!string.IsNullOrEmpty(process) &&
            (!int.TryParse(process, NumberStyles.None, CultureInfo.InvariantCulture, out var watchdogProcessId) || watchdogProcessId != processId))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(microseconds);
    }

    /// <summary>How often to send <c>WATCHDOG=1</c>: half the timeout, as sd_watchdog_enabled(3) recommends.</summary>
    public static TimeSpan PingInterval(TimeSpan timeout) => timeout / 2;
}
