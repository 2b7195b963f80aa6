namespace Intercom.Web.Station;

/// <summary>One liveness probe.</summary>
/// <param name="Name">The component.</param>
/// <param name="Fresh">True when its last report is recent enough.</param>
/// <param name="AgeMilliseconds">Milliseconds since its last report.</param>
/// <param name="MaximumAgeMilliseconds">The allowed age in milliseconds.</param>
public sealed record ProbeSummary(string Name, bool Fresh, double AgeMilliseconds, double MaximumAgeMilliseconds);
