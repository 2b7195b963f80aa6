using Intercom.Station.Health;
using Intercom.Hardware;

namespace Intercom.Device.Http;

/// <summary>The body of <c>GET /api/v1/status</c>.</summary>
/// <param name="UptimeSeconds">Seconds since the host started.</param>
/// <param name="Simulated">True when the GPIO chip is simulated.</param>
/// <param name="Health">Liveness probes.</param>
/// <param name="Inputs">Inputs and their debounced state.</param>
/// <param name="Relays">Relays and their line state.</param>
/// <param name="Leds">LEDs.</param>
/// <param name="Sip">Registration per SIP account.</param>
/// <param name="Station">The door station: call, media, DTMF (masked), door and lockouts.</param>
public sealed record StatusResponse(
    double UptimeSeconds, bool Simulated, HealthResponse Health,
    IReadOnlyList<InputStatus> Inputs, IReadOnlyList<RelayStatus> Relays, IReadOnlyList<LedStatus> Leds,
    IReadOnlyList<SipAccountResponse>? Sip = null, StationStatusResponse? Station = null);
