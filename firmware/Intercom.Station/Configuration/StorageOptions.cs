namespace Intercom.Station.Configuration;

/// <summary>Where the service keeps state that survives a reboot: <c>storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The state directory (call log, tamper lockout). Relative paths are relative to the configuration file.</summary>
    public string StateDirectory { get; set; } = "/var/lib/intercom";

    /// <summary>The call log keeps the newest this many calls.</summary>
    public int MaximumCallRecords { get; set; } = 5000;

    /// <summary>The event log keeps the newest this many events.</summary>
    public int MaximumEventRecords { get; set; } = 20000;
}
