using System.Globalization;
using Intercom.Device.Hosting;
using Intercom.Station.Controller;
using Intercom.Station.Journal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Intercom.Device.Http;

/// <summary>
/// <c>GET /api/v1/calls</c> and <c>GET /api/v1/events</c>: the call and event logs, newest first, with filters
/// (<c>from</c>, <c>to</c> as ISO 8601; <c>direction</c>, <c>button</c>, <c>endReason</c>, <c>doorOpened</c>; <c>kind</c>,
/// <c>subject</c>) and paging (<c>offset</c>, <c>limit</c> up to 500).
/// </summary>
public static class CallLogEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapCallLogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1");
        api.MapGet("/calls", (HttpRequest request, StationService station) =>
        {
            var query = request.Query;
            if (!TryTime(query["from"], out var from) || !TryTime(query["to"], out var to)
                || !TryEnum<CallDirection>(query["direction"], out var direction) || !TryEnum<CallEndReason>(query["endReason"], out var reason)
                || !TryBool(query["doorOpened"], out var opened) || !TryInt(query["offset"], 0, out var offset) || !TryInt(query["limit"], 50, out var limit))
            {
                return BadRequest();
            }

            var page = station.Runtime.Log.QueryCalls(new CallLogQuery
            {
                From = from, To = to, Direction = direction, Button = query["button"].FirstOrDefault(), EndReason = reason, DoorOpened = opened, Offset = offset, Limit = limit,
            });
            return Results.Json(page, StatusJsonContext.Default.LogPageCallRecord);
        });
        api.MapGet("/events", (HttpRequest request, StationService station) =>
        {
            var query = request.Query;
            if (!TryTime(query["from"], out var from) || !TryTime(query["to"], out var to) || !TryEnum<StationEventKind>(query["kind"], out var kind)
                || !TryInt(query["offset"], 0, out var offset) || !TryInt(query["limit"], 50, out var limit))
            {
                return BadRequest();
            }

            var page = station.Runtime.Log.QueryEvents(new EventLogQuery { From = from, To = to, Kind = kind, Subject = query["subject"].FirstOrDefault(), Offset = offset, Limit = limit });
            return Results.Json(page, StatusJsonContext.Default.LogPageStationEvent);
        });
        return endpoints;
    }

    private static IResult BadRequest() => Results.Json(
        new ErrorResponse("bad query: from/to are ISO 8601 times, offset/limit whole numbers, doorOpened true/false, direction/endReason/kind names as in the responses"),
        StatusJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status400BadRequest);

    private static bool TryTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static bool TryEnum<TEnum>(string? text, out TEnum? value)
        where TEnum : struct, Enum
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsAsciiDigit(text[0]))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static bool TryBool(string? text, out bool? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!bool.TryParse(text, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= 100_000);
    }
}
