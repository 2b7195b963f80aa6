namespace Intercom.Hardware;

/// <summary>One relay's state.</summary>
/// <param name="Name">Configured name.</param>
/// <param name="Pin">BCM GPIO number.</param>
/// <param name="ActiveLow">True on active-low boards.</param>
/// <param name="On">Whether the line is at its on level now (read back from the driver).</param>
/// <param name="PulseCount">Pulses since start.</param>
public sealed record RelayStatus(string Name, int Pin, bool ActiveLow, bool On, long PulseCount);
