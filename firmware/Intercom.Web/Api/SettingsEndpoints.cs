using System.Text.Json.Nodes;
using Intercom.Web.Settings;
using Intercom.Web.Station;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Intercom.Web.Api;

/// <summary>
/// <c>GET /web/api/settings</c> (the pages), <c>GET /web/api/settings/{page}</c> (fields and values, no secrets),
/// <c>POST /web/api/settings/{page}</c> (save all-or-nothing; 422 with one message per field path).
/// </summary>
internal static class SettingsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/web/api/settings").AddEndpointFilter<SessionFilter>();
        group.MapGet("/", () => Results.Json(SettingsCatalog.Pages, WebJsonContext.Default.IReadOnlyListSettingsPage));
        group.MapGet("/{page}", (string page, ConfigurationEditor editor) => SettingsCatalog.Find(page) is { } found
            ? Results.Json(new SettingsMessage(found, editor.ReadPage(found)), WebJsonContext.Default.SettingsMessage)
            : NotFound(page));
        group.MapPost("/{page}", Save);
    }

    private static IResult Save(string page, JsonObject body, HttpContext context, ConfigurationEditor editor, StationEventLog events)
    {
        if (SettingsCatalog.Find(page) is not { } found)
        {
            return NotFound(page);
        }

        var outcome = editor.SavePage(found, body);
        if (!outcome.Saved)
        {
            return Rejected(outcome);
        }

        events.Add("configuration", $"{found.Title} settings saved from {RequestSecurity.ClientAddress(context)}");
        var message = found.RestartRequired ? "saved; takes effect after a restart" : "saved and applied";
        return Results.Json(new SavedMessage(true, found.RestartRequired, message), WebJsonContext.Default.SavedMessage);
    }

    internal static IResult Rejected(SaveOutcome outcome) =>
        Results.Json(
            new FieldErrorsMessage($"nothing was saved: {outcome.Errors.Count} problem(s)", outcome.Errors),
            WebJsonContext.Default.FieldErrorsMessage, statusCode: StatusCodes.Status422UnprocessableEntity);

    private static IResult NotFound(string page) =>
        Results.Json(new ErrorMessage($"no settings page \"{page}\""), WebJsonContext.Default.ErrorMessage, statusCode: StatusCodes.Status404NotFound);
}
