using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Intercom.Integration.Events;
using Intercom.Web.Security;
using Intercom.Web.Station;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Intercom.Web.Api.V1;

/// <summary>
/// <c>GET /api/v1/events/stream</c> (scope read): server-sent events (HTML Living Standard §9.2). First an
/// <c>event: status</c> with the station status, then one per change (coalesced), and each station event under its
/// name (<c>event: ring</c>, <c>event: doorOpened</c>, ...) with its sequence as <c>id</c>; a comment every
/// <see cref="KeepAliveInterval"/> keeps proxies from closing the connection. A slow reader loses the oldest queued
/// items, never delays the station.
/// </summary>
internal static class EventStreamEndpoints
{
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    private const int QueueCapacity = 64;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/events/stream", StreamAsync).AddEndpointFilter(new ApiAccessFilter(ApiScope.Read))
            .WithSummary("Server-sent events: status, ring, answered, missed, callEnded, doorOpened, tamper, registrationLost, registrationRestored")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

    private static async Task StreamAsync(HttpContext context, StationEventFeed feed, IStationStatusSource station, TimeProvider timeProvider)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        var queue = Channel.CreateBounded<IntegrationEvent?>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        void OnRaised(object? sender, IntegrationEvent raised) => queue.Writer.TryWrite(raised);
        void OnChanged(object? sender, EventArgs args) => queue.Writer.TryWrite(null);
        feed.Raised += OnRaised;
        feed.StatusChanged += OnChanged;
        try
        {
            var cancellationToken = context.RequestAborted;
            await WriteStatusAsync(response, station, cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(KeepAliveInterval);
                bool ready;
                try
                {
                    ready = await queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
                    await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!ready)
                {
                    return;
                }

                var statusDue = false;
                while (queue.Reader.TryRead(out var item))
                {
                    if (item is null)
                    {
                        statusDue = true;
                        continue;
                    }

                    var body = JsonSerializer.Serialize(
                        new StreamEventMessage(item.Sequence, item.Name, item.Time, item.Subject, item.Detail), ApiV1JsonContext.Default.StreamEventMessage);
                    await response.WriteAsync($"event: {item.Name}\nid: {item.Sequence}\ndata: {body}\n\n", Encoding.UTF8, cancellationToken).ConfigureAwait(false);
                }

                if (statusDue)
                {
                    await WriteStatusAsync(response, station, cancellationToken).ConfigureAwait(false);
                }

                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            feed.Raised -= OnRaised;
            feed.StatusChanged -= OnChanged;
        }
    }

    private static async Task WriteStatusAsync(HttpResponse response, IStationStatusSource station, CancellationToken cancellationToken)
    {
        var status = JsonSerializer.Serialize(station.GetStatus(), WebJsonContext.Default.StationStatus);
        await response.WriteAsync($"event: status\ndata: {status}\n\n", Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
