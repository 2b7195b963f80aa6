using System.Diagnostics.Metrics;
using Intercom.Integration.Events;
using Intercom.Sip.UserAgent;
using Intercom.Station.Journal;

namespace Intercom.Integration.Metrics;

/// <summary>
/// Instruments about the station that no lower layer keeps (meter <c>Intercom.Integration.Station</c>): registration
/// per account, calls by outcome, ring and talk time histograms, the current call's jitter, loss and received packets (read live from the call leg), and whether the
/// echo canceller is on.
/// </summary>
public sealed class StationInstruments : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Intercom.Integration.Station";

    private readonly Meter _meter = new(MeterName);
    private readonly StationEventFeed _feed;
    private readonly Counter<long> _outcomes;
    private readonly Histogram<double> _ringTime;
    private readonly Histogram<double> _talkTime;

    /// <summary>Creates the instruments over <paramref name="feed"/>; <paramref name="echoCancellerEnabled"/> reads the audio setting.</summary>
    public StationInstruments(StationEventFeed feed, Func<bool> echoCancellerEnabled)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(echoCancellerEnabled);
        _feed = feed;
        _outcomes = _meter.CreateCounter<long>("intercom.station.call_outcomes", description: "Finished calls by how they ended.");
        _ringTime = _meter.CreateHistogram<double>("intercom.station.ring_time", "s", "Time from the start of a call to its answer (or its end when unanswered).");
        _talkTime = _meter.CreateHistogram<double>("intercom.station.talk_time", "s", "Time from the answer to the end of answered calls.");
        _meter.CreateObservableGauge("intercom.sip.account.registered", ObserveRegistrations, description: "1 when the SIP account is registered, else 0.");
        _meter.CreateObservableGauge("intercom.call.active", () => _feed.Status is { State: not Station.Controller.StationState.Idle } ? 1 : 0, description: "1 during a call.");
        _meter.CreateObservableGauge("intercom.call.jitter_seconds", ObserveJitter, description: "Interarrival jitter of the current call's received RTP (RFC 3550 §6.4.1).");
        _meter.CreateObservableGauge("intercom.call.packets_lost", ObserveLoss, description: "RTP packets lost in the current call.");
        _meter.CreateObservableGauge("intercom.call.packets_received", ObserveReceived, description: "RTP packets received in the current call.");
        _meter.CreateObservableGauge("intercom.audio.echo_canceller_enabled", () => echoCancellerEnabled() ? 1 : 0, description: "1 when the echo canceller is switched on.");
        feed.CallFinished += OnCallFinished;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _feed.CallFinished -= OnCallFinished;
        _meter.Dispose();
    }

    private void OnCallFinished(object? sender, CallRecord record)
    {
        _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", record.EndReason.ToString()), new KeyValuePair<string, object?>("direction", record.Direction.ToString()));
        var ring = record.AnsweredBy is null ? record.Duration : record.Duration - record.TalkTime;
        _ringTime.Record(Math.Max(0, ring.TotalSeconds));
        if (record.AnsweredBy is not null)
        {
            _talkTime.Record(record.TalkTime.TotalSeconds);
        }
    }

    private IEnumerable<Measurement<int>> ObserveRegistrations()
    {
        foreach (var (account, state) in _feed.Registrations)
        {
            yield return new Measurement<int>(state == SipRegistrationState.Registered ? 1 : 0, new KeyValuePair<string, object?>("account", account));
        }
    }

    // The live figures of the answered call leg (the status keeps the snapshot taken at the answer until the state
    // changes again).
    private Station.Controller.CallLegMediaStatus? CurrentMedia() => _feed.Runtime?.Station.CurrentMedia;

    private IEnumerable<Measurement<double>> ObserveJitter()
    {
        if (CurrentMedia() is { } media)
        {
            yield return new Measurement<double>(media.Jitter.TotalSeconds);
        }
    }

    private IEnumerable<Measurement<long>> ObserveReceived()
    {
        if (CurrentMedia() is { } media)
        {
            yield return new Measurement<long>(media.PacketsReceived);
        }
    }

    private IEnumerable<Measurement<long>> ObserveLoss()
    {
        if (CurrentMedia() is { } media)
        {
            yield return new Measurement<long>(media.PacketsLost);
        }
    }
}
