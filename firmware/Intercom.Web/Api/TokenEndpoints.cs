using Intercom.Station.Configuration;
using Intercom.Web.Security;
using Intercom.Web.Settings;
using Intercom.Web.Station;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Intercom.Web.Api;

/// <summary>
/// <c>GET /web/api/security/tokens</c> (names and scopes only), <c>POST /web/api/security/tokens</c> (the token is
/// in this one response and nowhere else), <c>POST /web/api/security/tokens/{id}/revoke</c>.
/// </summary>
internal static class TokenEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/web/api/security/tokens").AddEndpointFilter<SessionFilter>();
        group.MapGet("/", (ConfigurationStore store) => Results.Json(
            store.Current.Security.ApiTokens.Select(t => new TokenSummaryMessage(t.Id, t.Name, t.Scopes, t.Created)).ToArray(),
            WebJsonContext.Default.IReadOnlyListTokenSummaryMessage));
        group.MapPost("/", Create);
        group.MapPost("/{id}/revoke", Revoke);
    }

    private static IResult Create(TokenRequestMessage body, HttpContext context, ConfigurationEditor editor, TimeProvider time, StationEventLog events)
    {
        var name = (body.Name ?? "").Trim();
        var scopes = (body.Scopes ?? []).Distinct(StringComparer.Ordinal).ToArray();
        var (entry, token) = ApiTokenIssuer.Create(name, scopes, time.GetUtcNow());
        var result = editor.ChangeSecurity(security => new SecurityOptions
        {
            AdminPasswordHash = security.AdminPasswordHash,
            ApiTokens = [.. security.ApiTokens, entry],
        });
        if (!result.Applied)
        {
            // Messages name security.apiTokens[N].field; the form has one token, so show them by field name.
            var errors = result.Errors.Select(FieldError.FromMessage)
                .Select(e => e with { Path = e.Path.Contains("].", StringComparison.Ordinal) ? e.Path[(e.Path.LastIndexOf("].", StringComparison.Ordinal) + 2)..] : e.Path })
                .ToArray();
            return SettingsEndpoints.Rejected(new SaveOutcome(false, errors));
        }

        events.Add("configuration", $"API token \"{name}\" ({string.Join(", ", scopes)}) created from {RequestSecurity.ClientAddress(context)}");
        return Results.Json(new TokenCreatedMessage(entry.Id, entry.Name, entry.Scopes, token), WebJsonContext.Default.TokenCreatedMessage);
    }

    private static IResult Revoke(string id, HttpContext context, ConfigurationStore store, ConfigurationEditor editor, StationEventLog events)
    {
        var existing = store.Current.Security.ApiTokens.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));
        if (existing is null)
        {
            return Results.Json(new ErrorMessage($"no token \"{id}\""), WebJsonContext.Default.ErrorMessage, statusCode: StatusCodes.Status404NotFound);
        }

        var result = editor.ChangeSecurity(security => new SecurityOptions
        {
            AdminPasswordHash = security.AdminPasswordHash,
            ApiTokens = [.. security.ApiTokens.Where(t => !string.Equals(t.Id, id, StringComparison.Ordinal))],
        });
        if (!result.Applied)
        {
            return SettingsEndpoints.Rejected(SaveOutcome.Rejected(result.Errors));
        }

        events.Add("configuration", $"API token \"{existing.Name}\" revoked from {RequestSecurity.ClientAddress(context)}");
        return Results.Json(new SavedMessage(true, false, "revoked"), WebJsonContext.Default.SavedMessage);
    }
}
