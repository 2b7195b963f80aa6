using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Intercom.Interop.Tests.Peers;
using MQTTnet;
using MQTTnet.Protocol;

namespace Intercom.Interop.Tests.Integration;

/// <summary>
/// The home automation's side in the tests: an MQTTnet client on the broker as <see cref="MosquittoPeer.HomeUser"/>
/// that records every message on the given filters (retained ones included) and can publish commands.
/// </summary>
internal sealed class MqttObserver : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<(string Topic, string Payload, bool Retained)> _messages = new();

    private MqttObserver(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            _messages.Enqueue((args.ApplicationMessage.Topic, Encoding.UTF8.GetString(args.ApplicationMessage.Payload), args.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<(string Topic, string Payload, bool Retained)> Messages => _messages.ToArray();

    public static async Task<MqttObserver> ConnectAsync(int port, CancellationToken cancellationToken, params string[] filters)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var observer = new MqttObserver(client);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("home-" + Guid.NewGuid().ToString("N")[..8])
            .WithCredentials(MosquittoPeer.HomeUser, MosquittoPeer.PasswordOf(MosquittoPeer.HomeUser))
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
            .Build();
        await client.ConnectAsync(options, cancellationToken);
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await client.SubscribeAsync(subscribe.Build(), cancellationToken);
        return observer;
    }

    /// <summary>The last payload seen on <paramref name="topic"/>, or null.</summary>
    public string? Last(string topic) => _messages.Where(m => m.Topic == topic).Select(m => m.Payload).LastOrDefault();

    /// <summary>Waits until a message on <paramref name="topic"/> satisfies <paramref name="predicate"/>.</summary>
    public async Task<string> WaitForAsync(string topic, Func<string, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            foreach (var message in _messages)
            {
                if (message.Topic == topic && predicate(message.Payload))
                {
                    return message.Payload;
                }
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"no matching message on {topic} within {timeout.TotalSeconds} s; seen: {string.Join(" | ", _messages.Select(m => m.Topic + "=" + m.Payload))}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    public async Task PublishAsync(string topic, string payload, CancellationToken cancellationToken) =>
        await _client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
