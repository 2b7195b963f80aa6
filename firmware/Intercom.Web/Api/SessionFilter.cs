using Microsoft.AspNetCore.Http;

namespace Intercom.Web.Api;

/// <summary>The web page's routes: a live session, and for every POST its CSRF token.</summary>
internal sealed class SessionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var session = RequestSecurity.Session(http);
        if (session is null)
        {
            return RequestSecurity.Refuse(http, StatusCodes.Status401Unauthorized, "log in first");
        }

        if (RequestSecurity.CsrfProblem(http, session) is { } problem)
        {
            return RequestSecurity.Refuse(http, StatusCodes.Status403Forbidden, problem);
        }

        return await next(context).ConfigureAwait(false);
    }
}
