using System.Globalization;
using Intercom.Device.Hosting;
using Intercom.Sip.UserAgent;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Intercom.Station.Journal;
using Intercom.Web.Station;
using Microsoft.Extensions.Hosting;

namespace Intercom.Device.Web;

/// <summary>
/// The web layer's access to the door station's calls: the SQLite call and event log, the test call, the SIP and
/// RTP ports. Also puts what the installer wants to watch live into the recent-events log: registrations with the
/// registrar's answer, call state changes with codec and SRTP, DTMF digits as the station masks them, restarts.
/// </summary>
public sealed class DeviceStationCalls : IStationCalls, IHostedService
{
    /// <summary>How long a test call to one target rings.</summary>
    public static readonly TimeSpan TestCallRingTime = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the station loop to take a test call.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(5);

    private readonly StationService _station;
    private readonly ConfigurationStore _configuration;
    private readonly StationEventLog _events;
    private readonly Lock _gate = new();
    private string _lastCall = "";
    private string _lastDigits = "";

    /// <summary>Creates the view over <paramref name="station"/>.</summary>
    public DeviceStationCalls(StationService station, ConfigurationStore configuration, StationEventLog events)
    {
        _station = station;
        _configuration = configuration;
        _events = events;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _station.RegistrationChanged += OnRegistrationChanged;
        _station.StationStatusChanged += OnStationStatusChanged;
        _station.Restarted += OnRestarted;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _station.RegistrationChanged -= OnRegistrationChanged;
        _station.StationStatusChanged -= OnStationStatusChanged;
        _station.Restarted -= OnRestarted;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public LogPage<CallRecord>? QueryCalls(CallLogQuery query)
    {
        try
        {
            return _station.Runtime?.Log.QueryCalls(query);
        }
        catch (ObjectDisposedException)
        {
            // The station restarted with new settings between the lookup and the query.
            return null;
        }
    }

    /// <inheritdoc />
    public LogPage<Intercom.Station.Journal.StationEvent>? QueryEvents(EventLogQuery query)
    {
        try
        {
            return _station.Runtime?.Log.QueryEvents(query);
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<ActionOutcome> StartTestCallAsync(TestCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_station.Runtime is not { } runtime)
        {
            return new ActionOutcome(ActionStatus.Unavailable, "the door station is not running (it restarts with new settings); try again in a moment");
        }

        var options = _configuration.Current;
        string label;
        ButtonOptions plan;
        if (request.Button is { } button)
        {
            var found = options.Station.Buttons.FirstOrDefault(b => string.Equals(b.Input, button, StringComparison.Ordinal));
            if (found is null)
            {
                return new ActionOutcome(ActionStatus.NotFound, $"no call plan for a button named \"{button}\"");
            }

            label = button;
            plan = found;
        }
        else
        {
            var target = request.Target ?? "";
            if (target.Length == 0 || target.Any(char.IsWhiteSpace))
            {
                return new ActionOutcome(ActionStatus.NotFound, "give an extension (**610), a sip: URI or an IP address without spaces");
            }

            if (request.Account is { } account && !options.Sip.Accounts.Any(a => string.Equals(a.Name, account, StringComparison.OrdinalIgnoreCase)))
            {
                return new ActionOutcome(ActionStatus.NotFound, $"no SIP account named \"{account}\"");
            }

            label = DoorStation.TestCallButton;
            plan = new ButtonOptions
            {
                Input = label,
                Mode = CallPlanMode.Parallel,
                RingTimeout = TestCallRingTime,
                Targets = [new CallTargetOptions { Target = target, Account = request.Account, RingTime = TestCallRingTime }],
            };
        }

        bool started;
        try
        {
            started = await runtime.Station.StartTestCallAsync(label, plan).WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return new ActionOutcome(ActionStatus.Unavailable, "the door station did not take the call (it is stopping or restarting)");
        }

        var targets = string.Join(", ", plan.Targets.Select(t => t.Target));
        return started
            ? new ActionOutcome(ActionStatus.Accepted, $"calling {targets}")
            : new ActionOutcome(ActionStatus.Conflict, "a call is in progress; try again when it has ended");
    }

    /// <inheritdoc />
    public StationPorts GetPorts()
    {
        var media = _configuration.Current.Media;
        var rtp = media.RtpPortMinimum == 0 && media.RtpPortMaximum == 0
            ? "any free UDP port (set a range on the Codecs, SRTP and DTMF page for a firewall)"
            : string.Create(CultureInfo.InvariantCulture, $"UDP {media.RtpPortMinimum}-{media.RtpPortMaximum}");
        var sip = new List<string>();
        if (_station.Runtime?.Agent is { } agent)
        {
            Add(sip, "udp", agent.UdpEndPoint);
            Add(sip, "tcp", agent.TcpEndPoint);
            Add(sip, "tls", agent.TlsEndPoint);
        }

        return new StationPorts(sip, rtp);

        static void Add(List<string> list, string transport, System.Net.IPEndPoint? endPoint)
        {
            if (endPoint is not null)
            {
                list.Add($"{transport} {endPoint}");
            }
        }
    }

    private void OnRegistrationChanged(object? sender, SipRegistrationStatus status)
    {
        var name = (sender as SipAccount)?.Name ?? "account";
        var answer = status.LastStatusCode == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" — {status.LastStatusCode} {status.LastReasonPhrase}");
        _events.Add("sip", $"{name}: {DoorStationViewNames.Of(status.State)}{answer}");
    }

    private void OnStationStatusChanged(object? sender, DoorStationStatus status)
    {
        // Runs on the station loop: only compare and hand a line to the log (which takes its own short lock).
        var call = status.State == StationState.Idle
            ? "idle"
            : $"{DoorStationViewNames.Of(status.State)} {string.Join(", ", status.Peers)}" +
              (status.Media is { } media ? $" ({media.Codec}, {(media.Srtp ? "SRTP" : "not encrypted")})" : "");
        string? callLine = null;
        string? digitsLine = null;
        lock (_gate)
        {
            if (!string.Equals(call, _lastCall, StringComparison.Ordinal))
            {
                callLine = _lastCall.Length == 0 && call == "idle" ? null : call;
                _lastCall = call;
            }

            if (!string.Equals(status.LastDigitsMasked, _lastDigits, StringComparison.Ordinal))
            {
                _lastDigits = status.LastDigitsMasked;
                digitsLine = _lastDigits.Length == 0 ? null : _lastDigits;
            }
        }

        if (callLine is not null)
        {
            _events.Add("call", callLine == "idle" ? "call ended" : callLine);
        }

        if (digitsLine is not null)
        {
            _events.Add("dtmf", $"digits {digitsLine}");
        }
    }

    private void OnRestarted(object? sender, string sections) =>
        _events.Add("sip", $"settings applied ({sections}): the door station restarted and its accounts register again");
}
