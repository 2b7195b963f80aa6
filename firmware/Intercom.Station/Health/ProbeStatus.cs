namespace Intercom.Station.Health;

/// <summary>One probe's state in a <see cref="HealthReport"/>.</summary>
/// <param name="Name">The component.</param>
/// <param name="Fresh">True when the last report is younger than the maximum age.</param>
/// <param name="Age">Time since the last report.</param>
/// <param name="MaximumAge">The allowed age.</param>
public sealed record ProbeStatus(string Name, bool Fresh, TimeSpan Age, TimeSpan MaximumAge);
