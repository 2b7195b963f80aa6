using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Intercom.Sip.Configuration;
using Intercom.Sip.Diagnostics;
using Intercom.Sip.Messages;
using Microsoft.Extensions.Logging;

namespace Intercom.Sip.Transport;

/// <summary>
/// The sockets of one stack: a UDP socket, TCP and TLS listeners, and a table of stream connections reused
/// for every message to the same peer (RFC 3261 §18). Parsed messages go to the stack through a callback.
/// </summary>
internal sealed partial class SipTransportLayer : ISipSender, IAsyncDisposable
{
    private readonly SipTransportOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SipMetrics _metrics;
    private readonly SipTrace _trace;
    private readonly ILogger _logger;
    private readonly SipLogRateLimiter _malformedLog;
    private readonly Action<SipMessage, SipFlow> _onMessage;
    private readonly SipBanList _banList;
    private readonly ConcurrentDictionary<long, SipConnection> _connections = new();
    private readonly ConcurrentDictionary<(SipTransportKind, IPEndPoint), Task<SipConnection>> _connecting = new();
    private readonly ConcurrentDictionary<IPAddress, IPAddress> _localAddressCache = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly ConcurrentDictionary<long, Task> _connectionLoops = new();
    private Socket? _udp;
    private TcpListener? _tcpListener;
    private TcpListener? _tlsListener;
    private ITimer? _keepAliveTimer;

    public SipTransportLayer(SipTransportOptions options, TimeProvider timeProvider, SipMetrics metrics, SipTrace trace, ILogger logger, SipBanList banList, Action<SipMessage, SipFlow> onMessage)
    {
        _banList = banList;
        _options = options;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _trace = trace;
        _logger = logger;
        _onMessage = onMessage;
        _malformedLog = new SipLogRateLimiter(timeProvider, 5, TimeSpan.FromMinutes(1));
    }

    public IPEndPoint? UdpEndPoint { get; private set; }

    public IPEndPoint? TcpEndPoint { get; private set; }

    public IPEndPoint? TlsEndPoint { get; private set; }

    /// <summary>Number of open stream connections.</summary>
    public int ConnectionCount => _connections.Count;

    public void Start()
    {
        if (_options.EnableUdp)
        {
            _udp = new Socket(_options.BindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            if (_options.BindAddress.AddressFamily == AddressFamily.InterNetworkV6)
            {
                _udp.DualMode = true;
            }

            _udp.Bind(new IPEndPoint(_options.BindAddress, _options.UdpPort));
            UdpEndPoint = (IPEndPoint)_udp.LocalEndPoint!;
            _loops.Add(Task.Run(ReceiveUdpAsync));
        }

        if (_options.EnableTcp)
        {
            _tcpListener = new TcpListener(_options.BindAddress, _options.TcpPort);
            _tcpListener.Start();
            TcpEndPoint = (IPEndPoint)_tcpListener.LocalEndpoint;
            _loops.Add(Task.Run(() => AcceptAsync(_tcpListener, SipTransportKind.Tcp)));
        }

        if (_options.EnableTlsListener)
        {
            _tlsListener = new TcpListener(_options.BindAddress, _options.TlsPort);
            _tlsListener.Start();
            TlsEndPoint = (IPEndPoint)_tlsListener.LocalEndpoint;
            _loops.Add(Task.Run(() => AcceptAsync(_tlsListener, SipTransportKind.Tls)));
        }

        if (_options.KeepAliveInterval > TimeSpan.Zero)
        {
            _keepAliveTimer = _timeProvider.CreateTimer(_ => SendKeepAlives(), null, _options.KeepAliveInterval, _options.KeepAliveInterval);
        }
    }

    /// <summary>The local address the OS would use to reach <paramref name="remote"/> (for Via and Contact).</summary>
    public IPAddress LocalAddressFor(IPAddress remote)
    {
        if (!_options.BindAddress.Equals(IPAddress.Any) && !_options.BindAddress.Equals(IPAddress.IPv6Any))
        {
            return _options.BindAddress;
        }

        return _localAddressCache.GetOrAdd(remote, static address =>
        {
            // Connecting a UDP socket sends nothing; it only asks the routing table.
            using var probe = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(new IPEndPoint(address, 9));
            return ((IPEndPoint)probe.LocalEndPoint!).Address;
        });
    }

    /// <summary>The local port used for a transport (for Via sent-by and Contact).</summary>
    public int LocalPortFor(SipTransportKind kind) => kind switch
    {
        SipTransportKind.Udp => UdpEndPoint?.Port ?? 0,
        SipTransportKind.Tcp => TcpEndPoint?.Port ?? 0,
        _ => TlsEndPoint?.Port ?? TcpEndPoint?.Port ?? 0,
    };

    public void Send(SipFlow flow, ReadOnlyMemory<byte> data, Action<Exception>? onError)
    {
        _trace.Sent(flow, data.Span);
        _ = SendAsync(flow, data, onError);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _keepAliveTimer?.Dispose();
        _udp?.Dispose();
        _tcpListener?.Stop();
        _tlsListener?.Stop();
        foreach (SipConnection connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(_loops.Concat(_connectionLoops.Values)).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogShutdownSlow();
        }

        _stopping.Dispose();
    }

    private async Task SendAsync(SipFlow flow, ReadOnlyMemory<byte> data, Action<Exception>? onError)
    {
        try
        {
            if (flow.Transport == SipTransportKind.Udp)
            {
                Socket udp = _udp ?? throw new InvalidOperationException("UDP is not enabled");
                await udp.SendToAsync(data, SocketFlags.None, flow.Remote, _stopping.Token).ConfigureAwait(false);
                return;
            }

            SipConnection connection = await GetConnectionAsync(flow).ConfigureAwait(false);
            await connection.SendAsync(data).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException or OperationCanceledException or ObjectDisposedException or InvalidOperationException or TimeoutException)
        {
            LogSendFailed(flow.ToString(), ex.Message);
            onError?.Invoke(ex);
        }
    }

    private async Task<SipConnection> GetConnectionAsync(SipFlow flow)
    {
        if (flow.ConnectionId != 0 && _connections.TryGetValue(flow.ConnectionId, out SipConnection? byId))
        {
            return byId;
        }

        foreach (SipConnection open in _connections.Values)
        {
            if (open.Kind == flow.Transport && open.Remote.Equals(flow.Remote))
            {
                return open;
            }
        }

        (SipTransportKind, IPEndPoint) key = (flow.Transport, flow.Remote);
        Task<SipConnection> connecting = _connecting.GetOrAdd(key, _ => ConnectAsync(flow));
        try
        {
            return await connecting.ConfigureAwait(false);
        }
        finally
        {
            _connecting.TryRemove(new KeyValuePair<(SipTransportKind, IPEndPoint), Task<SipConnection>>(key, connecting));
        }
    }

    private async Task<SipConnection> ConnectAsync(SipFlow flow)
    {
        var socket = new Socket(flow.Remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            // The issue: Nagle plus delayed ACK add ~44 ms to back-to-back messages.
            NoDelay = true,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(flow.Remote, timeout.Token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (flow.Transport == SipTransportKind.Tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                var authentication = new SslClientAuthenticationOptions
                {
                    TargetHost = flow.ServerName ?? flow.Remote.Address.ToString(),
                    RemoteCertificateValidationCallback = (_, certificate, chain, errors) => ValidateServerCertificate(certificate, errors),
                };
                await ssl.AuthenticateAsClientAsync(authentication, timeout.Token).ConfigureAwait(false);
                stream = ssl;
            }

            var connection = new SipConnection(flow.Transport, socket, stream, outbound: true);
            Track(connection);
            return connection;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool ValidateServerCertificate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (!_options.ValidateServerCertificates)
        {
            return true;
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        if (_options.TrustedCertificateAuthorities is not { Count: > 0 } authorities)
        {
            return false;
        }

        // A configured CA replaces the system store: build the chain against it alone.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private void Track(SipConnection connection)
    {
        _connections[connection.Id] = connection;
        _connectionLoops[connection.Id] = Task.Run(() => ReceiveStreamAsync(connection));
    }

    private async Task AcceptAsync(TcpListener listener, SipTransportKind kind)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (socket.RemoteEndPoint is IPEndPoint remote && _banList.IsBanned(remote.Address))
            {
                _metrics.BanDropped();
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            _ = Task.Run(() => AcceptConnectionAsync(socket, kind));
        }
    }

    private async Task AcceptConnectionAsync(Socket socket, SipTransportKind kind)
    {
        try
        {
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (kind == SipTransportKind.Tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(_options.ConnectTimeout);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _options.TlsCertificate }, timeout.Token).ConfigureAwait(false);
                stream = ssl;
            }

            Track(new SipConnection(kind, socket, stream, outbound: false));
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            LogAcceptFailed(kind.ViaName(), ex.Message);
            socket.Dispose();
        }
    }

    private async Task ReceiveStreamAsync(SipConnection connection)
    {
        try
        {
            await connection.ReceiveAsync(_options.MaxMessageBytes, message => DeliverFromStream(message, connection.Flow), reason => Malformed(connection.Flow, reason)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
#pragma warning disable CA1031 // A receive loop must never take the process down (STYLE.md habit 5).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReceiveLoopFailed(ex);
        }
        finally
        {
            _connections.TryRemove(connection.Id, out _);
            _connectionLoops.TryRemove(connection.Id, out _);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ReceiveUdpAsync()
    {
        byte[] buffer = new byte[65_535];
        EndPoint any = new IPEndPoint(_options.BindAddress.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp!.ReceiveFromAsync(buffer, SocketFlags.None, any, _stopping.Token).ConfigureAwait(false);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                _metrics.Dropped();
                continue;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var remote = (IPEndPoint)received.RemoteEndPoint;
            if (_banList.IsBanned(remote.Address))
            {
                // Dropped before parsing: a banned flood costs one look-up per datagram.
                _metrics.BanDropped();
                continue;
            }

            var flow = new SipFlow(SipTransportKind.Udp, remote);
            try
            {
                SipParseResult result = SipMessageParser.Parse(buffer.AsSpan(0, received.ReceivedBytes), SipFraming.Datagram, _options.MaxMessageBytes);
                switch (result.Status)
                {
                    case SipParseStatus.Complete:
                        Deliver(result.Message!, flow);
                        break;
                    case SipParseStatus.KeepAlive:
                        break;
                    default:
                        Malformed(flow, result.Reason ?? "invalid");
                        break;
                }
            }
#pragma warning disable CA1031 // A receive loop must never take the process down (STYLE.md habit 5).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogReceiveLoopFailed(ex);
            }
        }
    }

    private void Deliver(SipMessage message, SipFlow flow)
    {
        _metrics.Received();
        _trace.Received(flow, message.Raw);
        _onMessage(message, flow);
    }

    private void DeliverFromStream(SipMessage message, SipFlow flow)
    {
        if (_banList.IsBanned(flow.Remote.Address))
        {
            _metrics.BanDropped();
            return;
        }

        Deliver(message, flow);
    }

    private void Malformed(SipFlow flow, string reason)
    {
        _metrics.Malformed();
        _banList.RecordFailure(flow.Remote.Address, "malformed message");
        if (_malformedLog.TryAcquire(out int suppressed))
        {
            LogMalformed(flow.ToString(), reason, suppressed);
        }
    }

    private void SendKeepAlives()
    {
        foreach (SipConnection connection in _connections.Values)
        {
            if (connection.Outbound)
            {
                // RFC 5626 §3.5.1: the client sends a double CRLF; the server answers with one CRLF.
                _ = connection.SendAsync("\r\n\r\n"u8.ToArray()).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Dropped malformed SIP message from {Flow}: {Reason} ({Suppressed} similar lines suppressed)")]
    private partial void LogMalformed(string flow, string reason, int suppressed);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Sending SIP to {Flow} failed: {Reason}")]
    private partial void LogSendFailed(string flow, string reason);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Accepting a SIP {Transport} connection failed: {Reason}")]
    private partial void LogAcceptFailed(string transport, string reason);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "SIP receive loop failed")]
    private partial void LogReceiveLoopFailed(Exception exception);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "SIP transports did not stop within 5 s")]
    private partial void LogShutdownSlow();
}
