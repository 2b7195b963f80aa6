using Intercom.Web.Security;
using Intercom.Web.Station;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Intercom.Web.Api;

/// <summary>
/// <c>GET /web/api/session</c>, <c>POST /web/api/setup</c> (first boot only), <c>POST /web/api/login</c>,
/// <c>POST /web/api/logout</c>, <c>POST /web/api/security/password</c>.
/// </summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/web/api/session", GetSession);
        endpoints.MapPost("/web/api/setup", SetUp);
        endpoints.MapPost("/web/api/login", LogIn);
        endpoints.MapPost("/web/api/logout", LogOut).AddEndpointFilter<SessionFilter>();
        endpoints.MapPost("/web/api/security/password", ChangePassword).AddEndpointFilter<SessionFilter>();
    }

    private static IResult GetSession(HttpContext context, AdminAccount admin)
    {
        var session = RequestSecurity.Session(context);
        if (session is not null)
        {
            return SessionResult("authenticated", session.CsrfToken);
        }

        // Before login the CSRF token is a double-submit cookie (nothing on the server to bind it to yet).
        var anonymous = context.Request.Cookies[RequestSecurity.AnonymousCsrfCookie];
        if (string.IsNullOrEmpty(anonymous) || anonymous.Length > 64)
        {
            anonymous = SessionStore.RandomToken();
            context.Response.Cookies.Append(RequestSecurity.AnonymousCsrfCookie, anonymous, Cookie(expires: null));
        }

        return SessionResult(admin.IsSetUp ? "login" : "setup", anonymous);
    }

    private static IResult SetUp(HttpContext context, PasswordMessage body, AdminAccount admin, SessionStore sessions, StationEventLog events, ILoggerFactory loggers)
    {
        if (RequestSecurity.CsrfProblem(context, null) is { } problem)
        {
            return RequestSecurity.Refuse(context, StatusCodes.Status403Forbidden, problem);
        }

        if (admin.IsSetUp)
        {
            return Results.Json(new ErrorMessage("the administrator password is already set; log in"), WebJsonContext.Default.ErrorMessage, statusCode: StatusCodes.Status409Conflict);
        }

        if (PasswordHasher.CheckStrength(body.Password) is { } weak)
        {
            return FieldProblem("password", $"password: {weak}");
        }

        var result = admin.TrySetUp(body.Password!);
        if (result is null)
        {
            return Results.Json(new ErrorMessage("the administrator password is already set; log in"), WebJsonContext.Default.ErrorMessage, statusCode: StatusCodes.Status409Conflict);
        }

        if (!result.Applied)
        {
            return Results.Json(new ErrorMessage(string.Join("; ", result.Errors)), WebJsonContext.Default.ErrorMessage, statusCode: StatusCodes.Status500InternalServerError);
        }

        var client = RequestSecurity.ClientAddress(context).ToString();
        WebLog.PasswordSet(loggers.CreateLogger(typeof(AuthEndpoints).FullName!), client);
        events.Add("login", $"administrator password set (first-boot setup) from {client}");
        return StartSession(context, sessions);
    }

    private static async Task<IResult> LogIn(
        HttpContext context, PasswordMessage body, AdminAccount admin, SessionStore sessions, LoginThrottle throttle, StationEventLog events, ILoggerFactory loggers)
    {
        if (RequestSecurity.CsrfProblem(context, null) is { } problem)
        {
            return RequestSecurity.Refuse(context, StatusCodes.Status403Forbidden, problem);
        }

        if (!admin.IsSetUp)
        {
            return Results.Json(new ErrorMessage("no administrator password yet; set one first"), WebJsonContext.Default.ErrorMessage, statusCode: StatusCodes.Status409Conflict);
        }

        var logger = loggers.CreateLogger(typeof(AuthEndpoints).FullName!);
        var address = RequestSecurity.ClientAddress(context);
        var gate = throttle.Check(address);
        if (!gate.Allowed)
        {
            WebMetrics.LoginsThrottled.Add(1);
            WebLog.LoginThrottled(logger, address.ToString(), gate.RetryAfter.TotalSeconds);
            return Throttled(context, gate);
        }

        if (!await admin.VerifyAsync(body.Password ?? "", context.RequestAborted).ConfigureAwait(false))
        {
            var next = throttle.RecordFailure(address);
            WebMetrics.LoginFailures.Add(1);
            WebLog.LoginFailed(logger, address.ToString(), next.RetryAfter.TotalSeconds, next.LockedOut ? " (locked out)" : "");
            events.Add("login", $"wrong password from {address}{(next.LockedOut ? "; locked out" : "")}");
            var message = next.LockedOut
                ? $"wrong password; too many failures: locked out for {Math.Ceiling(next.RetryAfter.TotalMinutes)} min"
                : next.Allowed ? "wrong password" : $"wrong password; wait {Math.Ceiling(next.RetryAfter.TotalSeconds)} s before the next try";
            return Results.Json(
                new ErrorMessage(message, next.Allowed ? null : Math.Ceiling(next.RetryAfter.TotalSeconds), next.LockedOut),
                WebJsonContext.Default.ErrorMessage, statusCode: StatusCodes.Status401Unauthorized);
        }

        throttle.RecordSuccess(address);
        WebLog.LoginSucceeded(logger, address.ToString());
        events.Add("login", $"administrator logged in from {address}");
        return StartSession(context, sessions);
    }

    private static IResult LogOut(HttpContext context, SessionStore sessions)
    {
        if (RequestSecurity.Session(context) is { } session)
        {
            sessions.Remove(session);
        }

        context.Response.Cookies.Delete(SessionStore.CookieName, Cookie(expires: null));
        return Results.Json(new SavedMessage(true, false, "logged out"), WebJsonContext.Default.SavedMessage);
    }

    private static async Task<IResult> ChangePassword(
        HttpContext context, PasswordChangeMessage body, AdminAccount admin, SessionStore sessions, LoginThrottle throttle, StationEventLog events)
    {
        var address = RequestSecurity.ClientAddress(context);
        var gate = throttle.Check(address);
        if (!gate.Allowed)
        {
            return Throttled(context, gate);
        }

        if (!await admin.VerifyAsync(body.CurrentPassword ?? "", context.RequestAborted).ConfigureAwait(false))
        {
            throttle.RecordFailure(address);
            return FieldProblem("currentPassword", "currentPassword: wrong password");
        }

        if (PasswordHasher.CheckStrength(body.NewPassword) is { } weak)
        {
            return FieldProblem("newPassword", $"newPassword: {weak}");
        }

        var result = admin.ChangePassword(body.NewPassword!);
        if (!result.Applied)
        {
            return Results.Json(new ErrorMessage(string.Join("; ", result.Errors)), WebJsonContext.Default.ErrorMessage, statusCode: StatusCodes.Status500InternalServerError);
        }

        // Every other browser logged in with the old password is logged out.
        sessions.RemoveAll(keep: RequestSecurity.Session(context));
        events.Add("login", $"administrator password changed from {address}; other sessions ended");
        return Results.Json(new SavedMessage(true, false, "password changed; other sessions were logged out"), WebJsonContext.Default.SavedMessage);
    }

    private static IResult StartSession(HttpContext context, SessionStore sessions)
    {
        var (cookie, session) = sessions.Create(RequestSecurity.ClientAddress(context));
        context.Response.Cookies.Append(SessionStore.CookieName, cookie, Cookie(expires: null));
        return SessionResult("authenticated", session.CsrfToken);
    }

    private static IResult Throttled(HttpContext context, LoginGate gate)
    {
        var seconds = Math.Max(1, Math.Ceiling(gate.RetryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = ((int)seconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = gate.LockedOut ? $"too many failed logins: locked out, try again in {Math.Ceiling(seconds / 60)} min" : $"wait {seconds} s before the next try";
        return Results.Json(new ErrorMessage(message, seconds, gate.LockedOut), WebJsonContext.Default.ErrorMessage, statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static IResult FieldProblem(string path, string message) =>
        Results.Json(
            new FieldErrorsMessage(message, [new Settings.FieldError(path, message)]),
            WebJsonContext.Default.FieldErrorsMessage, statusCode: StatusCodes.Status422UnprocessableEntity);

    private static IResult SessionResult(string state, string? csrfToken) =>
        Results.Json(new SessionMessage(state, csrfToken, Environment.MachineName), WebJsonContext.Default.SessionMessage);

    /// <summary>HttpOnly, Secure, SameSite=Strict, Path=/ and no Domain (required by the <c>__Host-</c> prefix); a browser-session cookie.</summary>
    internal static CookieOptions Cookie(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
        Expires = expires,
    };
}
