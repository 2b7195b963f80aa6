using System.Text.Json;
using Intercom.Device.Hosting;

namespace Intercom.Device.Http;

/// <summary>Builds the SIP and station parts of <c>GET /api/v1/status</c>.</summary>
public static class StationStatus
{
    /// <summary>Registration per account; null before the station started.</summary>
    public static IReadOnlyList<SipAccountResponse>? Accounts(StationService station)
    {
        ArgumentNullException.ThrowIfNull(station);
        if (station.RuntimeOrNull is not { } runtime)
        {
            return null;
        }

        return [.. runtime.Agent.Accounts.Select(account =>
        {
            var status = account.Status;
            return new SipAccountResponse(account.Name, Name(status.State.ToString()), status.LastStatusCode, status.LastReasonPhrase, status.Server, status.Expires.TotalSeconds);
        })];
    }

    /// <summary>The door station's state; null before the station started.</summary>
    public static StationStatusResponse? Station(StationService station)
    {
        ArgumentNullException.ThrowIfNull(station);
        if (station.RuntimeOrNull is not { } runtime)
        {
            return null;
        }

        var status = runtime.Station.Status;
        var media = status.Media;
        return new StationStatusResponse(
            Name(status.State.ToString()), status.Direction is { } direction ? Name(direction.ToString()) : null, status.Button, status.Peers,
            media?.Codec, media?.Srtp, media?.Jitter.TotalMilliseconds, media?.PacketsLost, media?.PacketsReceived, status.LastDigitsMasked,
            status.DoorOpened, status.DoorContactOpen, status.DoorOpenTooLong, status.CodeLockoutRemaining.TotalSeconds,
            status.TamperLockoutRemaining.TotalSeconds, status.RegistrationFault);
    }

    private static string Name(string value) => JsonNamingPolicy.CamelCase.ConvertName(value);
}
