using Intercom.Integration.Events;
using Intercom.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Intercom.Web.Api.V1;

/// <summary>
/// <c>POST /api/v1/calls</c> (scope call): ring a button's plan or one target; <c>POST /api/v1/calls/current/hangup</c>
/// (scope call): end the current call.
/// </summary>
internal static class CallEndpoints
{
    private const int DefaultRingSeconds = 30;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/calls", PlaceAsync).AddEndpointFilter(new ApiAccessFilter(ApiScope.Call))
            .WithSummary("Place a call: a button's call plan or one target")
            .Accepts<PlaceCallMessage>("application/json")
            .Produces<CallActionMessage>(StatusCodes.Status202Accepted).Produces<ErrorMessage>(StatusCodes.Status400BadRequest)
            .Produces<ErrorMessage>(StatusCodes.Status409Conflict).Produces<ErrorMessage>(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/calls/current/hangup", HangUpAsync).AddEndpointFilter(new ApiAccessFilter(ApiScope.Call))
            .WithSummary("End the current call")
            .Produces<CallActionMessage>().Produces<ErrorMessage>(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> PlaceAsync(HttpContext context, StationEventFeed feed)
    {
        PlaceCallMessage? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync(ApiV1JsonContext.Default.PlaceCallMessage, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return Error(StatusCodes.Status400BadRequest, "send a JSON body {\"button\": \"door\"} or {\"target\": \"sip:610@pbx\"}");
        }

        if (request is null || (string.IsNullOrWhiteSpace(request.Button) == string.IsNullOrWhiteSpace(request.Target)))
        {
            return Error(StatusCodes.Status400BadRequest, "give exactly one of \"button\" and \"target\"");
        }

        var ringSeconds = request.RingTimeoutSeconds ?? DefaultRingSeconds;
        if (ringSeconds is < 5 or > 300)
        {
            return Error(StatusCodes.Status400BadRequest, "ringTimeoutSeconds: use 5 to 300");
        }

        if (request.Target is { Length: > 256 })
        {
            return Error(StatusCodes.Status400BadRequest, "target: longer than 256 characters");
        }

        if (feed.Runtime is not { } runtime)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, "the door station is not running");
        }

        if (!string.IsNullOrWhiteSpace(request.Button))
        {
            if (!runtime.Station.HasCallPlan(request.Button))
            {
                return Error(StatusCodes.Status404NotFound, $"no button \"{request.Button}\" with a call plan");
            }

            return await runtime.Station.PlaceCallAsync(request.Button).ConfigureAwait(false)
                ? Accepted($"ringing the plan of {request.Button}")
                : Error(StatusCodes.Status409Conflict, "the station is in a call; end it first");
        }

        return await runtime.Station.CallTargetAsync(request.Target!, TimeSpan.FromSeconds(ringSeconds)).ConfigureAwait(false)
            ? Accepted($"ringing {request.Target}")
            : Error(StatusCodes.Status409Conflict, "the station is in a call; end it first");
    }

    private static async Task<IResult> HangUpAsync(StationEventFeed feed)
    {
        if (feed.Runtime is not { } runtime)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, "the door station is not running");
        }

        return await runtime.Station.HangUpAsync().ConfigureAwait(false)
            ? Results.Json(new CallActionMessage("hangup", "call ended"), ApiV1JsonContext.Default.CallActionMessage)
            : Error(StatusCodes.Status409Conflict, "there is no call");
    }

    private static IResult Accepted(string message) =>
        Results.Json(new CallActionMessage("call", message), ApiV1JsonContext.Default.CallActionMessage, statusCode: StatusCodes.Status202Accepted);

    internal static IResult Error(int statusCode, string message) =>
        Results.Json(new ErrorMessage(message), WebJsonContext.Default.ErrorMessage, statusCode: statusCode);
}
