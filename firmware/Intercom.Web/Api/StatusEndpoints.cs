using Intercom.Web.Security;
using Intercom.Web.Station;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Intercom.Web.Api;

/// <summary>
/// The API routes kept from the foundation: <c>GET /api/v1/status</c> (scope read),
/// <c>POST /api/v1/inputs/{name}/press</c> (scope call; simulation only), <c>POST /api/v1/relays/{name}/pulse</c>
/// (scope door). A bearer token or the web page's session with its CSRF token.
/// </summary>
internal static class StatusEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireRateLimiting(V1.ApiRateLimiting.Policy);
        api.MapGet("/status", (IStationStatusSource station) => Results.Json(station.GetStatus(), WebJsonContext.Default.StationStatus))
            .AddEndpointFilter(new ApiAccessFilter(ApiScope.Read));
        api.MapPost("/inputs/{name}/press", Press).AddEndpointFilter(new ApiAccessFilter(ApiScope.Call));
        api.MapPost("/relays/{name}/pulse", Pulse).AddEndpointFilter(new ApiAccessFilter(ApiScope.Door));
    }

    private static async Task<IResult> Press(string name, HttpContext context, IStationActions actions, StationEventLog events)
    {
        var outcome = await actions.PressInputAsync(name, context.RequestAborted).ConfigureAwait(false);
        if (outcome.Status is ActionStatus.Done or ActionStatus.Accepted)
        {
            events.Add("input", $"virtual press of {name} from {RequestSecurity.ClientAddress(context)}");
        }

        return ToResult(name, "press", outcome);
    }

    private static async Task<IResult> Pulse(string name, HttpContext context, IStationActions actions, StationEventLog events, Integration.Events.StationEventFeed feed)
    {
        var outcome = await actions.PulseRelayAsync(name, context.RequestAborted).ConfigureAwait(false);
        if (outcome.Status is ActionStatus.Done or ActionStatus.Accepted)
        {
            feed.ReportDoorOpened(name, "the HTTP API");
            events.Add("relay", $"{name} pulsed for {outcome.DurationMilliseconds / 1000:0.#} s from {RequestSecurity.ClientAddress(context)}");
        }

        return ToResult(name, "pulse", outcome);
    }

    internal static IResult ToResult(string name, string action, ActionOutcome outcome) => outcome.Status switch
    {
        ActionStatus.Done => Results.Json(new ActionMessage(name, action, outcome.DurationMilliseconds, outcome.Message), WebJsonContext.Default.ActionMessage),
        ActionStatus.Accepted => Results.Json(new ActionMessage(name, action, outcome.DurationMilliseconds, outcome.Message), WebJsonContext.Default.ActionMessage, statusCode: StatusCodes.Status202Accepted),
        _ => Results.Json(new ErrorMessage(outcome.Message), WebJsonContext.Default.ErrorMessage, statusCode: outcome.Status switch
        {
            ActionStatus.NotFound => StatusCodes.Status404NotFound,
            ActionStatus.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status503ServiceUnavailable,
        }),
    };
}
