using System.Globalization;
using Intercom.Integration.Events;
using Intercom.Station.Controller;
using Intercom.Station.Journal;
using Intercom.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Intercom.Web.Api.V1;

/// <summary>
/// <c>GET /api/v1/calls</c> and <c>GET /api/v1/events</c> (scope read): the persistent call and event log, newest
/// first, with filters (<c>from</c>, <c>to</c> as ISO 8601; <c>direction</c>, <c>button</c>, <c>endReason</c>,
/// <c>doorOpened</c>; <c>kind</c>, <c>subject</c>) and paging (<c>offset</c>, <c>limit</c> 1–500).
/// </summary>
internal static class LogEndpoints
{
    public const int MaximumLimit = 500;

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
        var (offset, limit) = Paging(query, problems);
        var filter = new CallLogQuery
        {
            From = Time(query, "from", problems),
            To = Time(query, "to", problems),
            Direction = EnumValue<CallDirection>(query, "direction", problems),
            Button = Text(query, "button"),
            EndReason = EnumValue<CallEndReason>(query, "endReason", problems),
            DoorOpened = Flag(query, "doorOpened", problems),
            Offset = offset,
            Limit = limit,
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
            call.Id, call.StartedAt, CamelCase(call.Direction.ToString()), call.Button, call.Targets, call.AnsweredBy, call.Duration.TotalSeconds,
            call.TalkTime.TotalSeconds, call.Codec, call.Srtp, call.DoorOpened, CamelCase(call.EndReason.ToString()))).ToArray();
        return Results.Json(new CallPageMessage(items, page.Total, offset, limit), ApiV1JsonContext.Default.CallPageMessage);
    }

    private static IResult Events(HttpContext context, StationEventFeed feed)
    {
        var query = context.Request.Query;
        var problems = new List<string>();
        var (offset, limit) = Paging(query, problems);
        var filter = new EventLogQuery
        {
            From = Time(query, "from", problems),
            To = Time(query, "to", problems),
            Kind = EnumValue<StationEventKind>(query, "kind", problems),
            Subject = Text(query, "subject"),
            Offset = offset,
            Limit = limit,
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
        var items = page.Items.Select(e => new EventRecordMessage(e.Id, e.Time, CamelCase(e.Kind.ToString()), e.Subject, e.Detail)).ToArray();
        return Results.Json(new EventPageMessage(items, page.Total, offset, limit), ApiV1JsonContext.Default.EventPageMessage);
    }

    internal static string CamelCase(string name) => name.Length == 0 ? name : string.Concat(char.ToLowerInvariant(name[0]).ToString(), name.AsSpan(1));

    private static string? Text(IQueryCollection query, string name) => query.TryGetValue(name, out var value) && value.Count > 0 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;

    private static (int Offset, int Limit) Paging(IQueryCollection query, List<string> problems)
    {
        var offset = 0;
        var limit = 50;
        if (Text(query, "offset") is { } offsetText && (!int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > 10_000_000))
        {
            problems.Add("offset: give a whole number from 0");
            offset = 0;
        }

        if (Text(query, "limit") is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaximumLimit))
        {
            problems.Add($"limit: give 1 to {MaximumLimit}");
            limit = 50;
        }

        return (offset, limit);
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name, List<string> problems)
    {
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        problems.Add($"{name}: not an ISO 8601 time such as 2026-11-26T18:00:00Z");
        return null;
    }

    private static T? EnumValue<T>(IQueryCollection query, string name, List<string> problems)
        where T : struct, Enum
    {
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, CultureInfo.InvariantCulture, out _) && Enum.TryParse<T>(text, ignoreCase: true, out var value))
        {
            return value;
        }

        problems.Add($"{name}: use one of {string.Join(", ", Enum.GetNames<T>().Select(CamelCase))}");
        return null;
    }

    private static bool? Flag(IQueryCollection query, string name, List<string> problems)
    {
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add($"{name}: use true or false");
        return null;
    }
}
