using System.Globalization;
using System.Security.Cryptography;
using Intercom.Media.Sdp;
using Intercom.Media.Session;
using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;
using Microsoft.Extensions.Logging;

namespace Intercom.Tools.Softphone;

/// <summary>Answers a call, plays a tone into it, sends the door code, waits for the hang-up.</summary>
internal sealed class ResidentPhone(SoftphoneOptions options, ILoggerFactory loggers)
{
    private const int SampleRateHz = 16000;
    private const int FrameSamples = SampleRateHz / 100;
    private static readonly TimeSpan DigitDuration = TimeSpan.FromMilliseconds(120);
    private static readonly TimeSpan DigitGap = TimeSpan.FromMilliseconds(150);

    public SipUserAgentOptions AgentOptions()
    {
        var agent = new SipUserAgentOptions
        {
            ProductName = "Intercom demo softphone",
            Transport = new SipTransportOptions { BindAddress = options.Listen.Address, UdpPort = options.Listen.Port, TcpPort = options.Listen.Port, KeepAliveInterval = TimeSpan.Zero },
        };
        if (options.Registrar is not null)
        {
            agent.Accounts.Add(new SipAccountOptions { Name = "resident", User = options.User, Registrar = options.Registrar, Password = options.Password, RegistrationExpiry = TimeSpan.FromMinutes(5) });
        }

        return agent;
    }

    public async Task HandleAsync(SipCall call, CancellationToken cancellationToken)
    {
        var caller = call.Remote.Uri.ToString();
        Console.WriteLine($"softphone: call from {caller}: answering");
        using var session = new MediaSession(
            new MediaSessionOptions { LocalAddress = options.Listen.Address, EngineSampleRateHz = SampleRateHz, InBandDtmfDetection = false },
            TimeProvider.System, loggers.CreateLogger<MediaSession>());
        var negotiator = new SdpNegotiator(new MediaOptions(), options.Listen.Address, session.LocalRtpPort, (ulong)RandomNumberGenerator.GetInt32(1, int.MaxValue));
        var result = call.RemoteBody is { } offer ? negotiator.ReceiveOffer(offer.Text) : null;
        if (result is null || !result.Success)
        {
            Console.WriteLine($"softphone: cannot answer: {result?.Error ?? "no SDP offer"}");
            await call.RejectAsync(488).ConfigureAwait(false);
            return;
        }

        await call.RingAsync().ConfigureAwait(false);
        session.Start(result.Media!);
        await call.AnswerAsync(SipBody.FromText("application/sdp", result.AnswerSdp!)).ConfigureAwait(false);
        Console.WriteLine($"softphone: talking ({result.Media!.Summary})");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Timeout);
        var audio = Task.Run(() => PlayToneAsync(session, stop.Token), CancellationToken.None);
        var code = Task.Run(() => SendCodeAsync(call, session, stop.Token), CancellationToken.None);
        try
        {
            var ended = await call.Ended.WaitAsync(stop.Token).ConfigureAwait(false);
            Console.WriteLine($"softphone: the door station hung up ({ended.Reason})");
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("softphone: timeout: hanging up");
            await call.HangUpAsync().ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(audio, code).ConfigureAwait(false);
        var statistics = session.GetStatistics();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"softphone: call over: {statistics.PacketsSent} RTP packets sent, {statistics.PacketsReceived} received, {statistics.PacketsLost} lost"));
    }

    private async Task PlayToneAsync(MediaSession session, CancellationToken cancellationToken)
    {
        var frame = new short[FrameSamples];
        var playback = new short[FrameSamples];
        var phase = 0.0;
        var step = 2 * Math.PI * options.ToneHz / SampleRateHz;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                for (var i = 0; i < frame.Length; i++)
                {
                    frame[i] = (short)(6000 * Math.Sin(phase));
                    phase += step;
                }

                phase %= 2 * Math.PI;
                session.WriteFrame(frame);
                session.ReadFrame(playback);
            }
        }
        catch (OperationCanceledException)
        {
            // The call is over.
        }
    }

    private async Task SendCodeAsync(SipCall call, MediaSession session, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(options.CodeDelay, cancellationToken).ConfigureAwait(false);
            if (options.Code.Length > 0)
            {
                Console.WriteLine($"softphone: sending the door code ({options.Code.Length} digits) by {(options.DtmfByInfo ? "SIP INFO" : "RFC 4733")}");
            }

            foreach (var digit in options.Code)
            {
                if (options.DtmfByInfo)
                {
                    var body = string.Create(CultureInfo.InvariantCulture, $"Signal={digit}\r\nDuration={(int)DigitDuration.TotalMilliseconds}\r\n");
                    await call.SendInfoAsync(SipBody.FromText("application/dtmf-relay", body)).ConfigureAwait(false);
                }
                else
                {
                    session.SendDtmf(digit, DigitDuration);
                }

                await Task.Delay(DigitDuration + DigitGap, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The call ended first.
        }
    }
}
