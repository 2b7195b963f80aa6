using System.Net.Sockets;
using System.Text;

namespace Intercom.Device.Tests;

/// <summary>A test stand-in for systemd's notify socket: a bound unix datagram socket that collects messages.</summary>
internal sealed class NotifySocketListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly TemporaryDirectory? _directory;

    private NotifySocketListener(string address, string endPointPath, TemporaryDirectory? directory)
    {
        Address = address;
        _directory = directory;
        _socket.Bind(new UnixDomainSocketEndPoint(endPointPath));
    }

    /// <summary>The value for $NOTIFY_SOCKET.</summary>
    public string Address { get; }

    public static NotifySocketListener AtPath()
    {
        var directory = new TemporaryDirectory();
        var path = directory.File("notify.sock");
        return new NotifySocketListener(path, path, directory);
    }

    public static NotifySocketListener Abstract()
    {
        var name = $"intercom-test-{Environment.ProcessId}-{Guid.NewGuid():N}";
        return new NotifySocketListener("@" + name, "\0" + name, null);
    }

    /// <summary>The next datagram, or null when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<string?> ReceiveAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellation.Token);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Receives until a datagram containing <paramref name="state"/> arrives; all datagrams seen are returned.</summary>
    public async Task<List<string>> ReceiveUntilAsync(string state, TimeSpan timeout)
    {
        var seen = new List<string>();
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var message = await ReceiveAsync(timeout - deadline.Elapsed);
            if (message is null)
            {
                break;
            }

            seen.Add(message);
            if (message.Split('\n').Contains(state))
            {
                return seen;
            }
        }

        throw new TimeoutException($"no {state} within {timeout}; received: [{string.Join(" | ", seen)}]");
    }

    public void Dispose()
    {
        _socket.Dispose();
        _directory?.Dispose();
    }
}
