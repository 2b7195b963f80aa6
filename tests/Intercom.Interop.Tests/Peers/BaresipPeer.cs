using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Intercom.Interop.Tests.Peers;

/// <summary>
/// baresip as a SIP phone on loopback, driven over its ctrl_tcp module (netstring-framed JSON commands and
/// events). Audio comes from a generated 8 kHz tone file (aufile) and goes to the aubridge module, so no sound
/// card is needed.
/// </summary>
public sealed class BaresipPeer : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly PeerProcess _process;
    private readonly TcpClient _control;
    private readonly NetworkStream _stream;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _reader;
    private int _token;

    private BaresipPeer(TempDirectory directory, PeerProcess process, TcpClient control, int sipPort)
    {
        _directory = directory;
        _process = process;
        _control = control;
        _stream = control.GetStream();
        SipPort = sipPort;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>The SIP port (UDP and TCP) on 127.0.0.1.</summary>
    public int SipPort { get; }

    /// <summary>The WAVE file the sndfile module wrote with the audio baresip decoded in its last call, or null.</summary>
    public string? ReceivedAudioPath =>
        Directory.GetFiles(_directory.Path, "dump-*-dec.wav").OrderBy(File.GetLastWriteTimeUtc).LastOrDefault();

    /// <summary>The process (output for failure messages).</summary>
    public PeerProcess Process => _process;

    /// <summary>Starts baresip with one account line, e.g. <c>&lt;sip:bob@127.0.0.1&gt;;regint=0;answermode=auto</c>.</summary>
    public static Task<BaresipPeer> StartAsync(string account, CancellationToken cancellationToken = default) =>
        StartAsync(account, null, cancellationToken);

    /// <summary>
    /// Starts baresip with one account line and, when <paramref name="media"/> is given, every audio codec module
    /// (g711, g722, opus), the srtp module (use <c>mediaenc=srtp</c> or <c>srtp-mand</c> in the account), the
    /// given samples as its microphone, and the sndfile module writing what it decodes to <see cref="ReceivedAudioPath"/>.
    /// </summary>
    public static Task<BaresipPeer> StartAsync(string account, BaresipMedia? media, CancellationToken cancellationToken = default) =>
        StartCoreAsync(account, media, 1, cancellationToken);

    /// <summary>Starts baresip whose microphone is a 440 Hz tone of <paramref name="toneSeconds"/>.</summary>
    /// <remarks>baresip ends a call when its aufile source reaches the end of the file: the tone bounds the call length.</remarks>
    public static Task<BaresipPeer> StartAsync(string account, int toneSeconds, CancellationToken cancellationToken = default) =>
        StartCoreAsync(account, null, toneSeconds, cancellationToken);

    private static async Task<BaresipPeer> StartCoreAsync(string account, BaresipMedia? media, int toneSeconds, CancellationToken cancellationToken)
    {
        // baresip also binds SIP over TLS on the SIP port + 1, which FreePort does not reserve: when a parallel test
        // took one of its ports in between, start again on fresh ones.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(account, media, toneSeconds, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException exception) when (attempt < 3 && exception.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    private static async Task<BaresipPeer> StartOnceAsync(string account, BaresipMedia? media, int toneSeconds, CancellationToken cancellationToken)
    {
        var directory = new TempDirectory("baresip-");
        int sipPort = FreePort.Next();
        int controlPort = FreePort.Next();
        string mediaConfiguration = media is null ? "" : $"""
            ausrc_srate {media.SourceSampleRateHz}
            ausrc_channels 1
            opus_stereo no
            opus_sprop_stereo no
            opus_bitrate 32000
            module g722.so
            module opus.so
            module srtp.so
            module sndfile.so
            snd_path {directory.Path}
            """;
        File.WriteAllText(directory.File("config"), $"""
            poll_method epoll
            sip_listen 127.0.0.1:{sipPort}
            net_interface 127.0.0.1
            audio_player aubridge,nowhere
            audio_alert aubridge,nowhere
            audio_source aufile,{directory.File("tone.wav")}
            module_path /usr/lib/baresip/modules
            module g711.so
            module aubridge.so
            module aufile.so
            {mediaConfiguration}
            module_app account.so
            module_app menu.so
            module_app ctrl_tcp.so
            ctrl_tcp_listen 127.0.0.1:{controlPort}

            """);
        File.WriteAllText(directory.File("accounts"), account + "\n");
        if (media is null)
        {
            WriteTone(directory.File("tone.wav"), toneSeconds);
        }
        else
        {
            WaveFiles.Write(directory.File("tone.wav"), media.SourceSamples, media.SourceSampleRateHz);
        }

        PeerProcess process = PeerProcess.Start("baresip", "baresip", ["-f", directory.Path], directory.Path);
        try
        {
            await FreePort.WaitForTcpAsync(controlPort, TimeSpan.FromSeconds(20), process, cancellationToken).ConfigureAwait(false);
            await FreePort.WaitForUdpAsync(sipPort, TimeSpan.FromSeconds(20), process, cancellationToken).ConfigureAwait(false);
            var control = new TcpClient { NoDelay = true };
            await control.ConnectAsync(IPAddress.Loopback, controlPort, cancellationToken).ConfigureAwait(false);
            return new BaresipPeer(directory, process, control, sipPort);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Sends a ctrl_tcp command (dial, hangup, hold, uareg, ...) and returns its response.</summary>
    public async Task<JsonElement> CommandAsync(string command, string parameters = "", CancellationToken cancellationToken = default)
    {
        string token = Interlocked.Increment(ref _token).ToString(CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
        {
            _pending[token] = completion;
        }

        string json = JsonSerializer.Serialize(new Dictionary<string, string> { ["command"] = command, ["params"] = parameters, ["token"] = token });
        byte[] payload = Encoding.UTF8.GetBytes(json);
        byte[] frame = [.. Encoding.ASCII.GetBytes($"{payload.Length}:"), .. payload, (byte)','];
        await _stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        return await completion.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets events received so far (between repeated measurements).</summary>
    public void DrainEvents()
    {
        while (_events.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Waits until baresip reports a successful registration (it may come before the control connection).</summary>
    public Task WaitForRegistrationAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _process.WaitForLineAsync(line => line.Contains("200 OK", StringComparison.Ordinal) && line.Contains("binding", StringComparison.Ordinal), timeout, cancellationToken);

    /// <summary>Waits for an event of a type (CALL_ESTABLISHED, CALL_CLOSED, REGISTER_OK, ...), skipping others.</summary>
    public async Task<JsonElement> WaitForEventAsync(string type, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                JsonElement next = await _events.Reader.ReadAsync(deadline.Token).ConfigureAwait(false);
                if (next.TryGetProperty("type", out JsonElement t) && t.GetString() == type)
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"baresip sent no {type} event within {timeout}. Output:\n{_process.Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _control.Dispose();
        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
        }

        await _process.DisposeAsync().ConfigureAwait(false);
        _directory.Dispose();
        _stopping.Dispose();
    }

    /// <summary>One second of a 440 Hz tone, 8 kHz mono 16-bit PCM WAV (what aufile feeds into PCMU).</summary>
    private static void WriteTone(string path, int seconds)
    {
        const int rate = 8000;
        int samples = rate * seconds;
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + (samples * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (int i = 0; i < samples; i++)
        {
            writer.Write((short)(8000 * Math.Sin(2 * Math.PI * 440 * i / rate)));
        }
    }

    private async Task ReadAsync()
    {
        byte[] buffer = new byte[65536];
        int filled = 0;
        while (!_stopping.IsCancellationRequested)
        {
            int read = await _stream.ReadAsync(buffer.AsMemory(filled), _stopping.Token).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            filled += read;
            while (true)
            {
                int colon = Array.IndexOf(buffer, (byte)':', 0, filled);
                if (colon < 0 || !int.TryParse(Encoding.ASCII.GetString(buffer, 0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out int length) || filled < colon + 1 + length + 1)
                {
                    break;
                }

                using JsonDocument document = JsonDocument.Parse(buffer.AsMemory(colon + 1, length));
                Dispatch(document.RootElement.Clone());
                int consumed = colon + 1 + length + 1;
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }
        }
    }

    private void Dispatch(JsonElement message)
    {
        if (message.TryGetProperty("response", out _) && message.TryGetProperty("token", out JsonElement token))
        {
            TaskCompletionSource<JsonElement>? completion;
            lock (_pending)
            {
                _pending.Remove(token.GetString() ?? string.Empty, out completion);
            }

            completion?.TrySetResult(message);
            return;
        }

        _events.Writer.TryWrite(message);
    }
}
