using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Intercom.Integration.Tests.Webhooks;

/// <summary>One request the receiver saw.</summary>
internal sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A webhook receiver on Kestrel at 127.0.0.1 on a free port: <c>/ok</c> answers 204, <c>/fail</c> answers 500,
/// <c>/flaky</c> fails twice then answers 204, <c>/hang</c> never answers (until the sender gives up).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _flakyCalls;

    private WebhookReceiver(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    public int Count(string path) => _received.Count(r => r.Path == path);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{mode}", receiver.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address + "/");
        return receiver;
    }

    public string Url(string mode) => new Uri(BaseAddress, mode).ToString();

    private async Task<IResult> HandleAsync(string mode, HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new ReceivedWebhook("/" + mode, headers, body.ToArray()));
        switch (mode)
        {
            case "fail":
                return Results.StatusCode(500);
            case "flaky":
                return Interlocked.Increment(ref _flakyCalls) <= 2 ? Results.StatusCode(503) : Results.NoContent();
            case "hang":
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The sender gave up.
                }

                return Results.NoContent();
            default:
                return Results.NoContent();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
