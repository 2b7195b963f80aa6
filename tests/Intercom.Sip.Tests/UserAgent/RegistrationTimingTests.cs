using System.Net;
using System.Net.Sockets;
using System.Text;
using Intercom.Sip.Configuration;
using Intercom.Sip.Messages;
using Intercom.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Sip.Tests.UserAgent;

/// <summary>Refresh before expiry and backoff after failures, against a scripted UDP registrar on a fake clock.</summary>
public sealed class RegistrationTimingTests
{
    private sealed class ScriptedRegistrar : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        public ScriptedRegistrar()
        {
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }

        public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

        /// <summary>Waits for the next REGISTER and answers it with the given status line and extra headers.</summary>
        public async Task<SipMessage> AnswerNextAsync(int status, string extraHeaders, CancellationToken ct)
        {
            byte[] buffer = new byte[65535];
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            SocketReceiveFromResult received = await _socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            SipMessage request = SipMessageParser.Parse(buffer.AsSpan(0, received.ReceivedBytes), SipFraming.Datagram).Message!;
            SipMessageBuilder response = SipMessageBuilder.ResponseTo(request, status, null, "reg1");
            foreach (string header in extraHeaders.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
            {
                int colon = header.IndexOf(':', StringComparison.Ordinal);
                response.Add(header[..colon], header[(colon + 1)..].Trim());
            }

            await _socket.SendToAsync(response.ToArray(), received.RemoteEndPoint, ct);
            return request;
        }

        /// <summary>True when a REGISTER arrives within a short real-time window.</summary>
        public async Task<bool> AnyWithinAsync(TimeSpan window, CancellationToken ct)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(window);
            try
            {
                await _socket.ReceiveFromAsync(new byte[65535], new IPEndPoint(IPAddress.Any, 0), timeout.Token);
                return true;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return false;
            }
        }

        public void Dispose() => _socket.Dispose();
    }

    private static (SipUserAgent Agent, FakeTimeProvider Clock) Create(int registrarPort)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2033, 10, 9, 1, 2, 3, TimeSpan.FromHours(-7)));
        SipUserAgentOptions options = LoopbackCallTests.LoopbackOptions();
        options.Accounts.Add(new SipAccountOptions
        {
            Name = "main",
            User = "620",
            Password = "pw",
            Registrar = $"127.0.0.1:{registrarPort}",
            Transport = SipTransportPreference.Udp,
            RegistrationExpiry = TimeSpan.FromSeconds(120),
            RetryMinimum = TimeSpan.FromSeconds(30),
        });
        return (new SipUserAgent(options, clock), clock);
    }

    [Fact]
    public async Task Registered_RefreshesAtHalfOfAShortExpiry()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var registrar = new ScriptedRegistrar();
        (SipUserAgent agent, FakeTimeProvider clock) = Create(registrar.Port);
        await using (agent)
        {
            await agent.StartAsync(ct);
            SipMessage first = await registrar.AnswerNextAsync(200, "Expires: 120", ct);
            Assert.Equal("120", first.GetHeader(SipHeaderKind.Expires));
            await WaitForAsync(() => agent.Accounts[0].IsRegistered, ct);

            clock.Advance(TimeSpan.FromSeconds(59));
            Assert.False(await registrar.AnyWithinAsync(TimeSpan.FromMilliseconds(200), ct));
            clock.Advance(TimeSpan.FromSeconds(1));
            SipMessage refresh = await registrar.AnswerNextAsync(200, "Expires: 120", ct);

            Assert.Equal(first.CallId, refresh.CallId);
            Assert.Equal(first.CSeq!.Number + 1, refresh.CSeq!.Number);
            await StopAnsweringUnregisterAsync(agent, registrar, ct);
        }
    }

    [Fact]
    public async Task Failure_RetriedAfterJitteredBackoffAndStatusKept()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var registrar = new ScriptedRegistrar();
        (SipUserAgent agent, FakeTimeProvider clock) = Create(registrar.Port);
        await using (agent)
        {
            await agent.StartAsync(ct);
            await registrar.AnswerNextAsync(503, string.Empty, ct);
            await WaitForAsync(() => agent.Accounts[0].Status.State == SipRegistrationState.Failed, ct);
            Assert.Equal(503, agent.Accounts[0].Status.LastStatusCode);

            // RFC 5626 §4.5: first wait is RetryMinimum times a factor between 0.5 and 1.
            clock.Advance(TimeSpan.FromSeconds(14.9));
            Assert.False(await registrar.AnyWithinAsync(TimeSpan.FromMilliseconds(200), ct));
            clock.Advance(TimeSpan.FromSeconds(15.1));
            await registrar.AnswerNextAsync(200, "Expires: 120", ct);
            await WaitForAsync(() => agent.Accounts[0].IsRegistered, ct);
            await StopAnsweringUnregisterAsync(agent, registrar, ct);
        }
    }

    [Fact]
    public async Task RetryAfter_Honoured()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var registrar = new ScriptedRegistrar();
        (SipUserAgent agent, FakeTimeProvider clock) = Create(registrar.Port);
        await using (agent)
        {
            await agent.StartAsync(ct);
            await registrar.AnswerNextAsync(503, "Retry-After: 300", ct);
            await WaitForAsync(() => agent.Accounts[0].Status.State == SipRegistrationState.Failed, ct);

            clock.Advance(TimeSpan.FromSeconds(299));
            Assert.False(await registrar.AnyWithinAsync(TimeSpan.FromMilliseconds(200), ct));
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(SipMethods.Register, (await registrar.AnswerNextAsync(200, "Expires: 120", ct)).Method);
            await WaitForAsync(() => agent.Accounts[0].IsRegistered, ct);
            await StopAnsweringUnregisterAsync(agent, registrar, ct);
        }
    }

    /// <summary>Stops the agent while the registrar answers its un-REGISTER (Expires: 0).</summary>
    private static async Task StopAnsweringUnregisterAsync(SipUserAgent agent, ScriptedRegistrar registrar, CancellationToken ct)
    {
        Task<SipMessage> unregister = registrar.AnswerNextAsync(200, string.Empty, ct);
        await agent.StopAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal("0", (await unregister).GetHeader(SipHeaderKind.Expires));
        Assert.Equal(SipRegistrationState.Unregistered, agent.Accounts[0].Status.State);
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "condition not met in time");
            await Task.Delay(5, ct);
        }
    }
}
