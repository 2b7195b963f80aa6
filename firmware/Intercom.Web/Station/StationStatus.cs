using Intercom.Hardware;

namespace Intercom.Web.Station;

/// <summary>The body of <c>GET /api/v1/status</c> and of the dashboard's live stream.</summary>
/// <param name="UptimeSeconds">Seconds since the service started.</param>
/// <param name="Simulated">True when the GPIO chip is simulated.</param>
/// <param name="Health">Liveness probes.</param>
/// <param name="Inputs">Inputs and their debounced state.</param>
/// <param name="Relays">Relays and their line state.</param>
/// <param name="Leds">LEDs.</param>
/// <param name="Accounts">SIP accounts and their registration (empty until the SIP stack runs in the service).</param>
/// <param name="Call">The current call; null when idle.</param>
/// <param name="Audio">The audio engine; null when it does not run.</param>
/// <param name="Warnings">Conditions the owner should act on, e.g. running on the last good configuration; empty when none.</param>
public sealed record StationStatus(
    double UptimeSeconds,
    bool Simulated,
    HealthSummary Health,
    IReadOnlyList<InputStatus> Inputs,
    IReadOnlyList<RelayStatus> Relays,
    IReadOnlyList<LedStatus> Leds,
    IReadOnlyList<AccountStatus> Accounts,
    CallStatus? Call,
    AudioStatus? Audio,
    IReadOnlyList<string> Warnings);
