using System.Globalization;
using Intercom.Integration.Events;
using Intercom.Station.Controller;
using Intercom.Station.Journal;
using Intercom.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Intercom.Web.Api.LogQueryParameters;

namespace Intercom.Web.Api.V1;

/// <summary>
/// <c>GET /api/v1/calls</c> and <c>GET /api/v1/events</c> (scope read): the persistent call and event log, newest
/// first, with filters (<c>from</c>, <c>to</c> as ISO 8601; <c>direction</c>, <c>button</c>, <c>endReason</c>,
/// <c>doorOpened</c>; <c>kind</c>, <c>subject</c>) and paging (<c>offset</c>, <c>limit</c> 1–500).
/// </summary>
internal static class LogEndpoints
{
    public const int MaximumLimit = 500;

    private const int DefaultLimit = 50;

    private const int MaximumOffset = 10_000_000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/calls", Calls).AddEndpointFilter(new ApiAccessFilter(ApiScope.Read))
            .WithSummary("The call log, newest first; filters from, to, direction, button, endReason, doorOpened; paging offset, limit")
            .Produces<CallPageMessage>().Produces<ErrorMessage>(StatusCodes.Status400BadRequest);
        api.MapGet("/events", Events).AddEndpointFilter(new ApiAccessFilter(ApiScope.Read))
            .WithSummary("The event log, newest first; filters from, to, kind, subject; paging offset, limit")
            .Produces<EventPageMessage>().Produces<ErrorMessage>(StatusCodes.Status400BadRequest);
    }

    private static IResult Calls(HttpContext context, StationEventFeed feed)
    {
        var query = context.Request.Query;
        var problems = new List<string>();
        var filter = new CallLogQuery
        {
            From = Time(query, "from", problems),
            To = Time(query, "to", problems),
            Direction = Choice<CallDirection>(query, "direction", problems),
            Button = Text(query, "button"),
            EndReason = Choice<CallEndReason>(query, "endReason", problems),
            DoorOpened = Flag(query, "doorOpened", problems),
            Offset = Number(query, "offset", 0, 0, MaximumOffset, problems),
            Limit = Number(query, "limit", DefaultLimit, 1, MaximumLimit, problems),
        };
        if (problems.Count > 0)
        {
            return CallEndpoints.Error(StatusCodes.Status400BadRequest, string.Join("; ", problems));
        }

        if (feed.Runtime is not { } runtime)
        {
            return CallEndpoints.Error(StatusCodes.Status503ServiceUnavailable, "the door station is not running");
        }

        var page = runtime.Log.QueryCalls(filter);
        var items = page.Items.Select(call => new CallRecordMessage(
            call.Id, call.StartedAt, Name(call.Direction), call.Button, call.Targets, call.AnsweredBy, call.Duration.TotalSeconds,
            call.TalkTime.TotalSeconds, call.Codec, call.Srtp, call.DoorOpened, Name(call.EndReason))).ToArray();
        return Results.Json(new CallPageMessage(items, page.Total, filter.Offset, filter.Limit), ApiV1JsonContext.Default.CallPageMessage);
    }

    private static IResult Events(HttpContext context, StationEventFeed feed)
    {
        var query = context.Request.Query;
        var problems = new List<string>();
        var filter = new EventLogQuery
        {
            From = Time(query, "from", problems),
            To = Time(query, "to", problems),
            Kind = Choice<StationEventKind>(query, "kind", problems),
            Subject = Text(query, "subject"),
            Offset = Number(query, "offset", 0, 0, MaximumOffset, problems),
            Limit = Number(query, "limit", DefaultLimit, 1, MaximumLimit, problems),
        };
        if (problems.Count > 0)
        {
            return CallEndpoints.Error(StatusCodes.Status400BadRequest, string.Join("; ", problems));
        }

        if (feed.Runtime is not { } runtime)
        {
            return CallEndpoints.Error(StatusCodes.Status503ServiceUnavailable, "the door station is not running");
        }

        var page = runtime.Log.QueryEvents(filter);
        var items = page.Items.Select(e => new EventRecordMessage(e.Id, e.Time, Name(e.Kind), e.Subject, e.Detail)).ToArray();
        return Results.Json(new EventPageMessage(items, page.Total, filter.Offset, filter.Limit), ApiV1JsonContext.Default.EventPageMessage);
    }
}
