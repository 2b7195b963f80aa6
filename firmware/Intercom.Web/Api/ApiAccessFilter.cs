using Intercom.Station.Configuration;
using Intercom.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Intercom.Web.Api;

/// <summary>
/// The API's routes (<c>/api/v1</c>): a bearer token with the scope (RFC 6750 §3 challenges), or the web page's
/// session with its CSRF token. Issue 8 adds rate limiting and the rest of the API on top.
/// </summary>
/// <param name="scope">The scope the route needs.</param>
internal sealed class ApiAccessFilter(string scope) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var configuration = http.RequestServices.GetRequiredService<ConfigurationStore>();
        var token = RequestSecurity.BearerToken(http, configuration, out var presented);
        if (presented)
        {
            if (token is null)
            {
                return RequestSecurity.Refuse(http, StatusCodes.Status401Unauthorized, "unknown or revoked API token", "Bearer error=\"invalid_token\"");
            }

            if (!ApiTokenIssuer.Grants(token, scope))
            {
                return RequestSecurity.Refuse(http, StatusCodes.Status403Forbidden, $"the token lacks the \"{scope}\" scope", $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"");
            }

            return await next(context).ConfigureAwait(false);
        }

        var session = RequestSecurity.Session(http);
        if (session is null)
        {
            return RequestSecurity.Refuse(http, StatusCodes.Status401Unauthorized, "send an API token (Authorization: Bearer ...) or log in", "Bearer");
        }

        if (RequestSecurity.CsrfProblem(http, session) is { } problem)
        {
            return RequestSecurity.Refuse(http, StatusCodes.Status403Forbidden, problem);
        }

        return await next(context).ConfigureAwait(false);
    }
}
