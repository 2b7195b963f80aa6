using Intercom.Station.Health;
using Intercom.Device.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Intercom.Device.Http;

/// <summary>
/// The minimal local API: <c>GET /api/v1/status</c>, <c>POST /api/v1/inputs/{name}/press</c> (simulation only),
/// <c>POST /api/v1/relays/{name}/pulse</c>. The web issue extends this API; these routes stay.
/// </summary>
public static class StatusEndpoints
{
    /// <summary>The shortest virtual press; longer when the input's minimum press duration asks for it.</summary>
    public static readonly TimeSpan VirtualPressHold = TimeSpan.FromMilliseconds(250);

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder endpoints, long startTimestamp)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1");
        api.MapGet("/status", (HardwareService hardware, StationService station, HealthRegistry health, TimeProvider time) =>
            Results.Json(BuildStatus(hardware, health, time, startTimestamp) with { Sip = StationStatus.Accounts(station), Station = StationStatus.Station(station) }, StatusJsonContext.Default.StatusResponse));
        api.MapPost("/inputs/{name}/press", Press);
        api.MapPost("/relays/{name}/pulse", Pulse);
        return endpoints;
    }

    private static StatusResponse BuildStatus(HardwareService hardware, HealthRegistry health, TimeProvider time, long startTimestamp)
    {
        var report = health.Evaluate();
        var probes = report.Probes
            .Select(p => new ProbeResponse(p.Name, p.Fresh, p.Age.TotalMilliseconds, p.MaximumAge.TotalMilliseconds))
            .ToArray();
        var status = hardware.Hardware.GetStatus();
        return new StatusResponse(
            time.GetElapsedTime(startTimestamp).TotalSeconds, hardware.Hardware.IsSimulated, new HealthResponse(report.Healthy, probes),
            status.Inputs, status.Relays, status.Leds);
    }

    private static IResult Press(string name, HardwareService hardware, ILoggerFactory loggers)
    {
        var input = hardware.Hardware.FindInput(name);
        if (input is null)
        {
            return Results.Json(new ErrorResponse($"no input named \"{name}\""), StatusJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status404NotFound);
        }

        var hold = input.MinimumPressDuration + TimeSpan.FromMilliseconds(100);
        if (hold < VirtualPressHold)
        {
            hold = VirtualPressHold;
        }

        if (!hardware.Hardware.PressVirtually(input, hold))
        {
            return Results.Json(
                new ErrorResponse("virtual presses exist only with the simulated GPIO driver (hardware.gpio.driver = \"simulated\")"),
                StatusJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status409Conflict);
        }

        DeviceLog.VirtualPress(loggers.CreateLogger(typeof(StatusEndpoints).FullName!), name, hold.TotalMilliseconds);
        return Results.Json(new ActionResponse(name, "press", hold.TotalMilliseconds), StatusJsonContext.Default.ActionResponse, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult Pulse(string name, HardwareService hardware, ILoggerFactory loggers)
    {
        var relay = hardware.Hardware.FindRelay(name);
        if (relay is null)
        {
            return Results.Json(new ErrorResponse($"no relay named \"{name}\""), StatusJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status404NotFound);
        }

        DeviceLog.ApiPulse(loggers.CreateLogger(typeof(StatusEndpoints).FullName!), name);
        var used = relay.Pulse();
        return Results.Json(new ActionResponse(name, "pulse", used.TotalMilliseconds), StatusJsonContext.Default.ActionResponse);
    }
}
