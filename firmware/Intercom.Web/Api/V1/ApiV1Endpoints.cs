using Intercom.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Intercom.Web.Api.V1;

/// <summary>
/// The home-automation part of the HTTP API v1: calls, call and event log, the event stream, <c>/metrics</c> and the
/// OpenAPI document at <c>/api/v1/openapi.json</c> (generated from the routes by Microsoft.AspNetCore.OpenApi). Every
/// route is rate limited per token or address and authorised by scope.
/// </summary>
public static class ApiV1Endpoints
{
    /// <summary>The OpenAPI document's name (and the path level: <c>/api/v1/openapi.json</c>).</summary>
    public const string DocumentName = "v1";

    /// <summary>Registers rate limiting and the OpenAPI document.</summary>
    public static IServiceCollection AddApiV1(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddApiRateLimiting();
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath is { } path
                && (path.StartsWith("api/v1/", StringComparison.Ordinal) || path == "metrics");
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Intercom door station API";
                document.Info.Version = "v1";
                document.Info.Description = "Send an API token as Authorization: Bearer <token>; scopes read, door, call, admin. Rate limited per token (429 with Retry-After).";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Maps the routes (after <c>UseRateLimiter</c>).</summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1").RequireRateLimiting(ApiRateLimiting.Policy);
        CallEndpoints.Map(api);
        LogEndpoints.Map(api);
        EventStreamEndpoints.Map(api);
        MetricsEndpoints.Map(app);
        app.MapOpenApi("/api/{documentName}/openapi.json").AddEndpointFilter(new ApiAccessFilter(ApiScope.Read)).RequireRateLimiting(ApiRateLimiting.Policy);
    }
}
