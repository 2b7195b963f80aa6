using System.Collections.Concurrent;
using System.Net;
using Intercom.Audio.Engine;
using Intercom.Hardware;
using Intercom.Hardware.Inputs;
using Intercom.Sip.Configuration;
using Intercom.Sip.Diagnostics;
using Intercom.Sip.UserAgent;
using Intercom.Station.Adapters;
using Intercom.Station.Calls;
using CallLog = Intercom.Station.Journal.CallLog;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Intercom.Station.Inbound;
using Intercom.Station.Journal;
using Intercom.Station.Lockout;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Runtime;

/// <summary>
/// The door station with its real adapters: the SIP user agent (accounts, inbound policy), media sessions per call,
/// the audio path over the audio engine, the door hardware's inputs, relays and LEDs, the SQLite call log and the
/// persisted tamper lockout. The device host and the end-to-end tests build it the same way.
/// </summary>
public sealed partial class DoorStationRuntime : IAsyncDisposable
{
    /// <summary>The tamper lockout's file in the state directory.</summary>
    public const string TamperLockoutFileName = "tamper-lockout";

    private readonly DoorHardware _hardware;
    private readonly ILogger<DoorStationRuntime> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, InboundCallerOptions> _allowedInvites = new(StringComparer.Ordinal);
    private readonly InboundCallPolicy _policy;
    private readonly MediaCallFactory _calls;
    private readonly SipLogRateLimiter _refusals;
    private Task _inboundLoop = Task.CompletedTask;

    private DoorStationRuntime(IntercomOptions options, string stateDirectory, DoorHardware hardware, Func<AudioEngine?> engine, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _hardware = hardware;
        _logger = loggerFactory.CreateLogger<DoorStationRuntime>();
        Log = CallLog.OpenIn(stateDirectory, options.Storage.MaximumCallRecords, options.Storage.MaximumEventRecords);
        Tamper = new TamperLockout(Path.Combine(stateDirectory, TamperLockoutFileName), options.Station.TamperLockoutDuration, timeProvider);
        Agent = new SipUserAgent(ToAgentOptions(options.Sip), timeProvider, loggerFactory);
        Audio = new AudioPumps(engine, timeProvider, loggerFactory.CreateLogger<MediaPump>());
        _calls = new MediaCallFactory(options.Media, options.Audio.SampleRateHz, timeProvider, loggerFactory);
        Dialer = new SipCallDialer(Agent, _calls, Audio, loggerFactory.CreateLogger<SipCallLeg>());
        Station = new DoorStation(
            options.Station, Dialer, new EngineVisitorFeedback(engine, hardware, options.Station.CallLed, options.Station.StatusLed),
            new HardwareDoorOutputs(hardware), Log, Tamper, timeProvider, loggerFactory.CreateLogger<DoorStation>());
        _policy = new InboundCallPolicy(options.Station.Inbound);
        _refusals = new SipLogRateLimiter(timeProvider, 20, TimeSpan.FromMinutes(1));
    }

    /// <summary>The SIP user agent (accounts and their registration status).</summary>
    public SipUserAgent Agent { get; }

    /// <summary>The call controller.</summary>
    public DoorStation Station { get; }

    /// <summary>The call and event log.</summary>
    public CallLog Log { get; }

    /// <summary>The tamper lockout.</summary>
    public TamperLockout Tamper { get; }

    /// <summary>The one audio path: the media pump over the running engine.</summary>
    public AudioPumps Audio { get; }

    /// <summary>Places the station's calls (its <see cref="SipCallDialer.LegCreated"/> shows every leg).</summary>
    public SipCallDialer Dialer { get; }

    /// <summary>The SIP UDP end point (the port when 0 was configured).</summary>
    public IPEndPoint? SipEndPoint => Agent.UdpEndPoint;

    /// <summary>
    /// Builds and starts the station: SIP sockets bound, accounts registering, inputs wired. <paramref name="engine"/>
    /// returns the running audio engine (the host may replace it when the audio settings change), null while none runs.
    /// </summary>
    public static async Task<DoorStationRuntime> StartAsync(
        IntercomOptions options, string stateDirectory, DoorHardware hardware, Func<AudioEngine?> engine, TimeProvider timeProvider, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var runtime = new DoorStationRuntime(options, stateDirectory, hardware, engine, timeProvider, loggerFactory);
        try
        {
            await runtime.StartAsync(cancellationToken).ConfigureAwait(false);
            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        Agent.InboundPolicy = Decide;
        foreach (var account in Agent.Accounts)
        {
            account.StatusChanged += OnRegistrationChanged;
        }

        _hardware.InputChanged += OnInputChanged;
        await Agent.StartAsync(cancellationToken).ConfigureAwait(false);
        UpdateRegistrationFault();
        _inboundLoop = Task.Run(() => AcceptInboundAsync(_stopping.Token), CancellationToken.None);
        var endPoint = Agent.UdpEndPoint?.ToString() ?? "-";
        RuntimeLog.Started(_logger, endPoint, Agent.Accounts.Count);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _hardware.InputChanged -= OnInputChanged;
        Station.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Agent.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _inboundLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        Audio.Dispose();
        Tamper.Dispose();
        Log.Dispose();
        _stopping.Dispose();
    }

    private static SipUserAgentOptions ToAgentOptions(SipOptions sip)
    {
        var options = new SipUserAgentOptions
        {
            // The issue: no version in User-Agent or Server, so svmap cannot match a firmware release to its flaws.
            ProductName = "Intercom door station",
            Transport = new SipTransportOptions { BindAddress = IPAddress.Parse(sip.BindAddress), UdpPort = sip.UdpPort, TcpPort = sip.TcpPort },
            BanList = sip.BanList,
        };
        foreach (var account in sip.Accounts)
        {
            options.Accounts.Add(account);
        }

        return options;
    }

    private SipInboundDecision Decide(SipIncomingCallInfo info)
    {
        var caller = _policy.Find(info);
        if (caller is null)
        {
            // Never rings, never listens, never opens: 403 before anything else happens.
            // The issue (floods): at most 20 records a minute, the count of the skipped ones in the next.
            if (_refusals.TryAcquire(out var suppressed))
            {
                var source = info.Source.ToString();
                RuntimeLog.InboundRefused(_logger, info.From.Uri.User ?? "?", source, info.ViaAccount ?? "none", suppressed);
                Station.RecordEvent(StationEventKind.InboundRefused, info.From.Uri.User, $"403 to {info.From.Uri} from {info.Source} (account {info.ViaAccount ?? "none"}); {suppressed} earlier refusals not recorded");
            }
            return SipInboundDecision.Forbidden;
        }

        _allowedInvites[info.From.ToString()] = caller;
        return SipInboundDecision.Allow;
    }

    private async Task AcceptInboundAsync(CancellationToken cancellationToken)
    {
        await foreach (var call in Agent.IncomingCalls.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!_allowedInvites.TryRemove(call.Remote.ToString(), out var caller))
            {
                await call.RejectAsync(403).ConfigureAwait(false);
                continue;
            }

            var peer = call.Remote.Uri.ToString();
            var leg = SipCallLeg.Incoming(call, peer, Station, _calls, Audio, _logger);
            Station.OfferInboundCall(leg, call.Remote.Uri.User ?? peer, caller.Mode, caller.MayOpenDoor);
        }
    }

    private void OnInputChanged(object? sender, InputChangedEventArgs args) => Station.OnInputChanged(args.Name, args.Kind, args.Active);

    private void OnRegistrationChanged(object? sender, SipRegistrationStatus status)
    {
        var account = sender as SipAccount;
        Station.RecordEvent(StationEventKind.RegistrationChanged, account?.Name, $"{status.State} ({status.LastStatusCode} {status.LastReasonPhrase})");
        UpdateRegistrationFault();
    }

    private void UpdateRegistrationFault()
    {
        var registering = false;
        var registered = false;
        foreach (var account in Agent.Accounts)
        {
            registering |= account.Registers;
            registered |= account.IsRegistered;
        }

        Station.SetRegistrationFault(registering && !registered);
    }
}
