using System.Net.Sockets;
using System.Text;

namespace Intercom.Device.Systemd;

/// <summary>
/// Sends sd_notify(3) messages (<c>READY=1</c>, <c>STOPPING=1</c>, <c>WATCHDOG=1</c>, <c>STATUS=...</c>) as one
/// datagram each to the unix socket systemd names in <c>$NOTIFY_SOCKET</c>: a path, or an abstract-namespace name
/// written with a leading '@'.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    /// <summary>The environment variable systemd sets for <c>Type=notify</c> services.</summary>
    public const string SocketVariable = "NOTIFY_SOCKET";

    private readonly Lock _gate = new();
    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _endPoint;

    /// <summary>Creates a notifier for <paramref name="socketAddress"/> ('/' path or '@' abstract name).</summary>
    public SystemdNotifier(string socketAddress)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketAddress);
        if (socketAddress[0] is not ('/' or '@'))
        {
            throw new ArgumentException($"{SocketVariable} must be an absolute path or start with '@': {socketAddress}", nameof(socketAddress));
        }

        SocketAddress = socketAddress;
        // sd_notify(3): a leading '@' names a socket in the abstract namespace, whose address starts with a NUL byte.
        _endPoint = new UnixDomainSocketEndPoint(socketAddress[0] == '@' ? "\0" + socketAddress[1..] : socketAddress);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>The socket address as systemd gave it.</summary>
    public string SocketAddress { get; }

    /// <summary>A notifier for <c>$NOTIFY_SOCKET</c>, or null when the service does not run under systemd notify.</summary>
    public static SystemdNotifier? FromEnvironment()
    {
        var address = Environment.GetEnvironmentVariable(SocketVariable);
        return string.IsNullOrEmpty(address) || address[0] is not ('/' or '@') ? null : new SystemdNotifier(address);
    }

    /// <summary>
    /// Sends one notification (newline-separated assignments). Returns false when the socket refused it (the reason
    /// goes to <paramref name="error"/>); the service goes on either way.
    /// </summary>
    public bool TryNotify(string state, out string? error)
    {
        ArgumentNullException.ThrowIfNull(state);
        var datagram = Encoding.UTF8.GetBytes(state);
        try
        {
            lock (_gate)
            {
                _socket.SendTo(datagram, SocketFlags.None, _endPoint);
            }

            error = null;
            return true;
        }
        catch (SocketException exception)
        {
            error = exception.Message;
            return false;
        }
        catch (ObjectDisposedException)
        {
            error = "the notifier is closed";
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
