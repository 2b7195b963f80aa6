using System.Text.Json;
using Intercom.Sip.UserAgent;
using Intercom.Station.Controller;
using Intercom.Station.Runtime;
using Intercom.Web.Station;

namespace Intercom.Device.Web;

/// <summary>The door station's part of the web status: SIP registration per account and the current call.</summary>
public static class DoorStationView
{
    /// <summary>Every account with its last REGISTER answer; empty before the station runs.</summary>
    public static IReadOnlyList<AccountStatus> Accounts(DoorStationRuntime? runtime)
    {
        if (runtime is null)
        {
            return [];
        }

        return [.. runtime.Agent.Accounts.Select(account =>
        {
            var status = account.Status;
            var state = !account.Options.Enabled ? "disabled" : Name(status.State.ToString());
            return new AccountStatus(
                account.Name, state, account.Registrar?.ToString() ?? "", status.LastStatusCode == 0 ? null : status.LastStatusCode,
                string.IsNullOrEmpty(status.LastReasonPhrase) ? null : status.LastReasonPhrase,
                status.State == SipRegistrationState.Registered ? status.Expires.TotalSeconds : null);
        })];
    }

    /// <summary>The current call with its media and the digits received (masked); null when idle.</summary>
    public static CallStatus? Call(DoorStationRuntime? runtime, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (runtime?.Station.Status is not { State: not StationState.Idle } status)
        {
            return null;
        }

        var media = runtime.Station.CurrentMedia;
        var received = media is null ? 0 : media.PacketsReceived + media.PacketsLost;
        return new CallStatus(
            status.Direction == CallDirection.Inbound ? "inbound" : "outbound",
            status.State == StationState.Talking ? "talking" : "ringing",
            string.Join(", ", status.Peers),
            media?.Codec,
            media?.Srtp ?? false,
            timeProvider.GetElapsedTime(status.CallStartTimestamp).TotalSeconds,
            media?.Jitter.TotalMilliseconds,
            received == 0 ? null : 100.0 * media!.PacketsLost / received,
            status.LastDigitsMasked,
            media?.PacketsReceived);
    }

    private static string Name(string value) => JsonNamingPolicy.CamelCase.ConvertName(value);
}
