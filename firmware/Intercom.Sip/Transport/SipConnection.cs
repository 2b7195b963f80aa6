using System.Net;
using System.Net.Sockets;
using Intercom.Sip.Messages;

namespace Intercom.Sip.Transport;

/// <summary>One TCP or TLS connection: serialized writes, and a read loop that frames messages by Content-Length.</summary>
internal sealed class SipConnection : IAsyncDisposable
{
    private static long s_nextId;
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private int _disposed;

    public SipConnection(SipTransportKind kind, Socket socket, Stream stream, bool outbound)
    {
        Id = Interlocked.Increment(ref s_nextId);
        Kind = kind;
        _socket = socket;
        _stream = stream;
        Outbound = outbound;
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
        Local = (IPEndPoint)socket.LocalEndPoint!;
    }

    public long Id { get; }

    public SipTransportKind Kind { get; }

    public IPEndPoint Remote { get; }

    public IPEndPoint Local { get; }

    /// <summary>True when we opened the connection (we send the keep-alives).</summary>
    public bool Outbound { get; }

    public CancellationToken Closed => _closed.Token;

    public SipFlow Flow => new(Kind, Remote, null, Id);

    public async Task SendAsync(ReadOnlyMemory<byte> data)
    {
        await _writeLock.WaitAsync(_closed.Token).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(data, _closed.Token).ConfigureAwait(false);
            await _stream.FlushAsync(_closed.Token).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Reads until the peer closes or framing is lost. Each complete message goes to <paramref name="onMessage"/>;
    /// RFC 5626 §3.5.1: a double-CRLF ping is answered with a single CRLF pong.
    /// </summary>
    public async Task ReceiveAsync(int maxMessageBytes, Action<SipMessage> onMessage, Action<string> onMalformed)
    {
        byte[] buffer = new byte[Math.Min(maxMessageBytes, 8192) + 1];
        int filled = 0;
        while (!_closed.IsCancellationRequested)
        {
            if (filled == buffer.Length)
            {
                if (buffer.Length > maxMessageBytes)
                {
                    onMalformed("message exceeds the size limit");
                    return;
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxMessageBytes + 1));
            }

            int read = await _stream.ReadAsync(buffer.AsMemory(filled), _closed.Token).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            filled += read;
            int consumed = 0;
            while (consumed < filled)
            {
                SipParseResult result = SipMessageParser.Parse(buffer.AsSpan(consumed, filled - consumed), SipFraming.Stream, maxMessageBytes);
                if (result.Status == SipParseStatus.Incomplete)
                {
                    break;
                }

                if (result.Status == SipParseStatus.Invalid)
                {
                    // Framing is lost on a stream: drop the connection (RFC 3261 §18.3).
                    onMalformed(result.Reason ?? "invalid");
                    return;
                }

                if (result.Status == SipParseStatus.KeepAlive)
                {
                    if (buffer.AsSpan(consumed, result.BytesConsumed).IndexOf("\r\n\r\n"u8) >= 0)
                    {
                        _ = SendKeepAliveResponseAsync();
                    }
                }
                else
                {
                    onMessage(result.Message!);
                }

                consumed += result.BytesConsumed;
            }

            if (consumed > 0)
            {
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _closed.CancelAsync().ConfigureAwait(false);
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
        }

        _socket.Dispose();
        _closed.Dispose();
    }

    private async Task SendKeepAliveResponseAsync()
    {
        try
        {
            await SendAsync("\r\n"u8.ToArray()).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }
}
