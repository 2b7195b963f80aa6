using System.Net.NetworkInformation;
using System.Net.Sockets;
using Intercom.Web.Hosting;
using Intercom.Web.Security;
using Intercom.Web.Settings;
using Intercom.Web.Station;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Intercom.Web.Api;

/// <summary>
/// <c>GET /web/api/system/network</c>, <c>GET /web/api/system/backup</c> (no secrets),
/// <c>POST /web/api/system/restore</c>, <c>POST /web/api/system/factory-reset</c> (body
/// <c>{"confirmation":"factory reset"}</c>), <c>POST /web/api/system/restart</c>.
/// </summary>
internal static class SystemEndpoints
{
    public const string FactoryResetConfirmation = "factory reset";

    /// <summary>A backup is a few kilobytes; larger uploads are refused.</summary>
    public const int MaximumBackupBytes = 256 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/web/api/system").AddEndpointFilter<SessionFilter>();
        group.MapGet("/network", Network);
        group.MapGet("/backup", (ConfigurationEditor editor) => Results.File(editor.Backup(), "application/json", "intercom-backup.json"));
        group.MapPost("/restore", Restore);
        group.MapPost("/factory-reset", FactoryReset);
        group.MapPost("/restart", Restart);
    }

    private static IResult Network(WebServerInfo server, IStationCalls station)
    {
        var interfaces = new List<InterfaceMessage>();
        var dns = new List<string>();
        var urls = new List<string>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            var properties = nic.GetIPProperties();
            var addresses = properties.UnicastAddresses.Select(a => $"{a.Address}/{a.PrefixLength}").ToArray();
            var gateways = properties.GatewayAddresses.Select(g => g.Address.ToString()).ToArray();
            dns.AddRange(properties.DnsAddresses.Select(d => d.ToString()));
            var mac = nic.GetPhysicalAddress().GetAddressBytes();
            interfaces.Add(new InterfaceMessage(
                nic.Name, nic.NetworkInterfaceType.ToString(), nic.OperationalStatus == OperationalStatus.Up,
                mac.Length == 0 ? null : string.Join(':', mac.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))),
                addresses, gateways));
            if (nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            {
                foreach (var address in properties.UnicastAddresses.Select(a => a.Address).Where(a => a.AddressFamily == AddressFamily.InterNetwork))
                {
                    urls.Add(server.HttpsPort == 443 ? $"https://{address}/" : $"https://{address}:{server.HttpsPort}/");
                }
            }
        }

        var certificate = server.Certificate.Certificate;
        return Results.Json(
            new NetworkMessage(Environment.MachineName, interfaces, [.. dns.Distinct()], server.Certificate.Fingerprint, certificate.NotAfter.ToUniversalTime(), urls, station.GetPorts()),
            WebJsonContext.Default.NetworkMessage);
    }

    private static async Task<IResult> Restore(HttpContext context, ConfigurationEditor editor, StationEventLog events)
    {
        using var buffer = new MemoryStream();
        var body = context.Request.Body;
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaximumBackupBytes)
            {
                return Results.Json(new ErrorMessage($"the file is larger than {MaximumBackupBytes / 1024} KiB; choose a backup this page saved"), WebJsonContext.Default.ErrorMessage, statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        var outcome = editor.Restore(buffer.ToArray());
        if (!outcome.Saved)
        {
            return SettingsEndpoints.Rejected(outcome);
        }

        events.Add("configuration", $"configuration restored from a backup from {RequestSecurity.ClientAddress(context)}");
        return Results.Json(new SavedMessage(true, true, "restored; wiring and web changes take effect after a restart"), WebJsonContext.Default.SavedMessage);
    }

    private static IResult FactoryReset(FactoryResetMessage body, HttpContext context, ConfigurationEditor editor, SessionStore sessions, StationEventLog events)
    {
        if (!string.Equals(body.Confirmation?.Trim(), FactoryResetConfirmation, StringComparison.OrdinalIgnoreCase))
        {
            var message = $"confirmation: type \"{FactoryResetConfirmation}\" to confirm";
            return Results.Json(new FieldErrorsMessage(message, [new FieldError("confirmation", message)]), WebJsonContext.Default.FieldErrorsMessage, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var outcome = editor.FactoryReset();
        if (!outcome.Saved)
        {
            return SettingsEndpoints.Rejected(outcome);
        }

        sessions.RemoveAll();
        context.Response.Cookies.Delete(SessionStore.CookieName, AuthEndpoints.Cookie(expires: null));
        events.Add("system", $"factory reset from {RequestSecurity.ClientAddress(context)}: settings at defaults, no password, no API tokens");
        return Results.Json(new SavedMessage(true, false, "factory settings restored; set a new administrator password"), WebJsonContext.Default.SavedMessage);
    }

    private static IResult Restart(HttpContext context, IStationActions actions, StationEventLog events)
    {
        events.Add("system", $"restart requested from {RequestSecurity.ClientAddress(context)}");
        context.Response.OnCompleted(() =>
        {
            actions.RequestRestart();
            return Task.CompletedTask;
        });
        return Results.Json(new SavedMessage(true, false, "restarting; this page reconnects when the service is back"), WebJsonContext.Default.SavedMessage);
    }
}
