using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Intercom.Web.Security;
using Intercom.Web.Station;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intercom.Web.Api;

/// <summary>
/// <c>GET /web/api/stream</c>: the dashboard's live state as server-sent events (HTML Living Standard §9.2):
/// <c>status</c> (the whole <see cref="StationStatus"/>) on every change, coalesced to at most one per
/// <see cref="MinimumSpacing"/>, and at least every <see cref="RefreshInterval"/> (or <see cref="FastRefreshInterval"/>
/// with <c>?fast=1</c>, for the level meters); <c>events</c> with the new log lines. The stream ends when the session
/// does. <c>GET /web/api/events</c> lists the log, <c>GET /web/api/events/download</c> saves it as CSV.
/// </summary>
internal static class DashboardEndpoints
{
    public static readonly TimeSpan MinimumSpacing = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan FastRefreshInterval = TimeSpan.FromMilliseconds(150);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/web/api/stream", Stream).AddEndpointFilter<SessionFilter>();
        endpoints.MapGet("/web/api/events", (StationEventLog log) => Results.Json(log.Since(0), WebJsonContext.Default.IReadOnlyListStationEvent))
            .AddEndpointFilter<SessionFilter>();
        endpoints.MapGet("/web/api/events/download", Download).AddEndpointFilter<SessionFilter>();
    }

    private static async Task Stream(
        HttpContext context, IStationStatusSource station, StationEventLog log, SessionStore sessions, TimeProvider time, ILoggerFactory loggers,
        IHostApplicationLifetime lifetime)
    {
        var session = RequestSecurity.Session(context)!;
        var interval = context.Request.Query["fast"] == "1" ? FastRefreshInterval : RefreshInterval;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        void OnChange(object? sender, EventArgs args) => wake.Writer.TryWrite(true);
        station.Changed += OnChange;
        log.Added += OnChange;
        // The stream also ends when the service stops: an open dashboard must not hold a restart up for Kestrel's
        // whole shutdown timeout.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellation = stopping.Token;
        long lastSequence = 0;
        try
        {
            // HTML §9.2.4: "retry" tells the browser how soon to reconnect after a drop.
            await Write(context, "retry: 2000\n\n", cancellation).ConfigureAwait(false);
            while (!cancellation.IsCancellationRequested && sessions.IsAlive(session))
            {
                var status = JsonSerializer.Serialize(station.GetStatus(), WebJsonContext.Default.StationStatus);
                var builder = new StringBuilder().Append("event: status\ndata: ").Append(status).Append("\n\n");
                var fresh = log.Since(lastSequence, 100);
                if (fresh.Count > 0)
                {
                    lastSequence = fresh[^1].Sequence;
                    builder.Append("event: events\ndata: ").Append(JsonSerializer.Serialize(fresh, WebJsonContext.Default.IReadOnlyListStationEvent)).Append("\n\n");
                }

                await Write(context, builder.ToString(), cancellation).ConfigureAwait(false);
                await Task.Delay(MinimumSpacing, time, cancellation).ConfigureAwait(false);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                timeout.CancelAfter(interval - MinimumSpacing);
                try
                {
                    await wake.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    // The refresh interval passed without a change: send the status again (uptime, levels).
                }
            }

            if (!cancellation.IsCancellationRequested)
            {
                await Write(context, "event: session\ndata: \"ended\"\n\n", cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away.
        }
        catch (IOException exception)
        {
            WebLog.StreamFailed(loggers.CreateLogger(typeof(DashboardEndpoints).FullName!), exception);
        }
        finally
        {
            station.Changed -= OnChange;
            log.Added -= OnChange;
        }
    }

    private static async Task Write(HttpContext context, string text, CancellationToken cancellation)
    {
        await context.Response.WriteAsync(text, cancellation).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellation).ConfigureAwait(false);
    }

    private static IResult Download(StationEventLog log, string? category)
    {
        var csv = new StringBuilder("sequence,time,category,message\n");
        foreach (var entry in log.Since(0))
        {
            if (!string.IsNullOrEmpty(category) && !string.Equals(entry.Category, category, StringComparison.Ordinal))
            {
                continue;
            }

            csv.Append(entry.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(entry.Time.ToString("O", CultureInfo.InvariantCulture)).Append(',')
               .Append(entry.Category).Append(",\"").Append(entry.Message.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\"\n");
        }

        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "intercom-events.csv");
    }
}
