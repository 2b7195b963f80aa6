using Intercom.Web.Station;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Intercom.Web.Api;

/// <summary><c>POST /web/api/audio/test-tone</c> and <c>POST /web/api/audio/loopback-test</c>.</summary>
internal static class AudioEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/web/api/audio").AddEndpointFilter<SessionFilter>();
        group.MapPost("/test-tone", async (HttpContext context, IStationActions actions) =>
            StatusEndpoints.ToResult("speaker", "test-tone", await actions.PlayTestToneAsync(context.RequestAborted).ConfigureAwait(false)));
        group.MapPost("/loopback-test", async (HttpContext context, IStationActions actions, StationEventLog events) =>
        {
            var result = await actions.RunLoopbackTestAsync(context.RequestAborted).ConfigureAwait(false);
            if (result.Status == ActionStatus.Done)
            {
                events.Add("audio", $"loopback test: {result.Message}");
            }

            var code = result.Status switch
            {
                ActionStatus.Done => StatusCodes.Status200OK,
                ActionStatus.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status503ServiceUnavailable,
            };
            return Results.Json(result, WebJsonContext.Default.LoopbackTestResult, statusCode: code);
        });
    }
}
