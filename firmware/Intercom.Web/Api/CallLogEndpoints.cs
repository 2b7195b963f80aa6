using System.Globalization;
using System.Text;
using System.Text.Json;
using Intercom.Station.Controller;
using Intercom.Station.Journal;
using Intercom.Web.Station;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Intercom.Web.Api.LogQueryParameters;

namespace Intercom.Web.Api;

/// <summary>
/// The call and event log over the station's SQLite journal, and the test call (web page session only):
/// <c>GET /web/api/calls</c> (filters <c>from</c>, <c>to</c> (ISO 8601), <c>direction</c>, <c>button</c>,
/// <c>endReason</c>, <c>doorOpened</c>; paging <c>offset</c>, <c>limit</c>), <c>GET /web/api/calls/download?format=csv|json</c>,
/// <c>GET /web/api/journal</c> (filters <c>from</c>, <c>to</c>, <c>kind</c>, <c>subject</c>; paging), its
/// <c>/download</c>, and <c>POST /web/api/calls/test</c> (body <c>{"button":"door"}</c> or <c>{"target":"**610","account":null}</c>).
/// </summary>
internal static class CallLogEndpoints
{
    /// <summary>Largest page the page asks for.</summary>
    public const int MaximumPageSize = 200;

    /// <summary>Most rows in one download.</summary>
    public const int MaximumDownloadRows = 10_000;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/web/api").AddEndpointFilter<SessionFilter>();
        group.MapGet("/calls", (HttpContext context, IStationCalls station) => Calls(context, station, download: false));
        group.MapGet("/calls/download", (HttpContext context, IStationCalls station) => Calls(context, station, download: true));
        group.MapGet("/journal", (HttpContext context, IStationCalls station) => Journal(context, station, download: false));
        group.MapGet("/journal/download", (HttpContext context, IStationCalls station) => Journal(context, station, download: true));
        group.MapPost("/calls/test", TestCall);
    }

    private static IResult Calls(HttpContext context, IStationCalls station, bool download)
    {
        var query = context.Request.Query;
        var errors = new List<string>();
        var filter = new CallLogQuery
        {
            From = Time(query, "from", errors),
            To = Time(query, "to", errors),
            Direction = Choice<CallDirection>(query, "direction", errors),
            Button = Text(query, "button"),
            EndReason = Choice<CallEndReason>(query, "endReason", errors),
            DoorOpened = Flag(query, "doorOpened", errors),
            Offset = download ? 0 : Number(query, "offset", 0, 0, int.MaxValue, errors),
            Limit = download ? MaximumDownloadRows : Number(query, "limit", 50, 1, MaximumPageSize, errors),
        };
        if (errors.Count > 0 || Format(query, download, errors) is not { } format)
        {
            return BadQuery(errors);
        }

        if (station.QueryCalls(filter) is not { } page)
        {
            return NotRunning();
        }

        var items = page.Items.Select(ToMessage).ToArray();
        if (!download)
        {
            return Results.Json(new CallLogPageMessage(items, page.Total, filter.Offset, filter.Limit), WebJsonContext.Default.CallLogPageMessage);
        }

        if (format == "json")
        {
            return Results.File(JsonSerializer.SerializeToUtf8Bytes(items, WebJsonContext.Default.IReadOnlyListCallLogEntryMessage), "application/json", "intercom-calls.json");
        }

        var csv = new StringBuilder("id,startedAt,direction,button,targets,answeredBy,durationSeconds,talkSeconds,codec,srtp,doorOpened,endReason\n");
        foreach (var call in items)
        {
            csv.AppendJoin(',',
                Invariant(call.Id), Invariant(call.StartedAt), call.Direction, Csv(call.Button), Csv(call.Targets), Csv(call.AnsweredBy),
                Invariant(call.DurationSeconds), Invariant(call.TalkSeconds), Csv(call.Codec), call.Srtp ? "true" : "false",
                call.DoorOpened ? "true" : "false", call.EndReason).Append('\n');
        }

        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "intercom-calls.csv");
    }

    private static IResult Journal(HttpContext context, IStationCalls station, bool download)
    {
        var query = context.Request.Query;
        var errors = new List<string>();
        var filter = new EventLogQuery
        {
            From = Time(query, "from", errors),
            To = Time(query, "to", errors),
            Kind = Choice<StationEventKind>(query, "kind", errors),
            Subject = Text(query, "subject"),
            Offset = download ? 0 : Number(query, "offset", 0, 0, int.MaxValue, errors),
            Limit = download ? MaximumDownloadRows : Number(query, "limit", 50, 1, MaximumPageSize, errors),
        };
        if (errors.Count > 0 || Format(query, download, errors) is not { } format)
        {
            return BadQuery(errors);
        }

        if (station.QueryEvents(filter) is not { } page)
        {
            return NotRunning();
        }

        var items = page.Items.Select(e => new JournalEntryMessage(e.Id, e.Time, Name(e.Kind), e.Subject, e.Detail)).ToArray();
        if (!download)
        {
            return Results.Json(new JournalPageMessage(items, page.Total, filter.Offset, filter.Limit), WebJsonContext.Default.JournalPageMessage);
        }

        if (format == "json")
        {
            return Results.File(JsonSerializer.SerializeToUtf8Bytes(items, WebJsonContext.Default.IReadOnlyListJournalEntryMessage), "application/json", "intercom-journal.json");
        }

        var csv = new StringBuilder("id,time,kind,subject,detail\n");
        foreach (var entry in items)
        {
            csv.AppendJoin(',', Invariant(entry.Id), Invariant(entry.Time), entry.Kind, Csv(entry.Subject), Csv(entry.Detail)).Append('\n');
        }

        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "intercom-journal.csv");
    }

    private static async Task<IResult> TestCall(TestCallMessage body, HttpContext context, IStationCalls station, StationEventLog events)
    {
        var button = string.IsNullOrWhiteSpace(body.Button) ? null : body.Button.Trim();
        var target = string.IsNullOrWhiteSpace(body.Target) ? null : body.Target.Trim();
        if ((button is null) == (target is null))
        {
            const string message = "target: choose a button whose call plan runs, or type one target to call";
            return Results.Json(new FieldErrorsMessage(message, [new Settings.FieldError("target", message)]), WebJsonContext.Default.FieldErrorsMessage, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var account = string.IsNullOrWhiteSpace(body.Account) ? null : body.Account.Trim();
        var outcome = await station.StartTestCallAsync(new TestCallRequest(button, target, account), context.RequestAborted).ConfigureAwait(false);
        if (outcome.Status is ActionStatus.Done or ActionStatus.Accepted)
        {
            events.Add("call", $"test call ({outcome.Message}) from {RequestSecurity.ClientAddress(context)}");
        }

        return StatusEndpoints.ToResult(button ?? target!, "testCall", outcome);
    }

    private static CallLogEntryMessage ToMessage(CallRecord call) => new(
        call.Id, call.StartedAt, Name(call.Direction), call.Button, call.Targets, call.AnsweredBy, call.Duration.TotalSeconds,
        call.TalkTime.TotalSeconds, call.Codec, call.Srtp, call.DoorOpened, Name(call.EndReason));

    private static string? Format(IQueryCollection query, bool download, List<string> errors)
    {
        var format = Text(query, "format") ?? (download ? "csv" : "json");
        if (format is "csv" or "json")
        {
            return format;
        }

        errors.Add("format: use csv or json");
        return null;
    }

    private static IResult BadQuery(List<string> errors) =>
        Results.Json(
            new FieldErrorsMessage(string.Join("; ", errors), [.. errors.Select(Settings.FieldError.FromMessage)]),
            WebJsonContext.Default.FieldErrorsMessage, statusCode: StatusCodes.Status400BadRequest);

    private static IResult NotRunning() =>
        Results.Json(new ErrorMessage("the door station is not running (starting or restarting with new settings); try again in a moment"), WebJsonContext.Default.ErrorMessage, statusCode: StatusCodes.Status503ServiceUnavailable);

    private static string Invariant(IFormattable value) => value.ToString(value is DateTimeOffset ? "O" : null, CultureInfo.InvariantCulture);

    // RFC 4180 §2: fields with commas, quotes or line breaks are quoted, quotes doubled. A leading =, +, - or @ is
    // prefixed with ' so a spreadsheet does not run it as a formula (the targets come from SIP headers).
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
