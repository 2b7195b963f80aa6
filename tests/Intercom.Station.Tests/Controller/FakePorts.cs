using Intercom.Audio.Dsp;
using Intercom.Media.Dtmf;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Intercom.Station.Journal;

namespace Intercom.Station.Tests.Controller;

/// <summary>A scripted call leg: the test decides when it rings, answers, sends digits or ends.</summary>
internal sealed class FakeLeg(string peer, ICallLegEvents events) : ICallLeg
{
    public string Peer { get; } = peer;

    public CallLegMediaStatus? Media { get; private set; }

    public bool HungUp { get; private set; }

    public bool AudioConnected { get; private set; }

    public InboundCallMode? AnsweredAs { get; private set; }

    public int? RejectedWith { get; private set; }

    public void Answer(InboundCallMode mode)
    {
        AnsweredAs = mode;
        Media = new CallLegMediaStatus("PCMA", false, TimeSpan.Zero, 0, 0, 0);
    }

    public void Reject(int statusCode) => RejectedWith = statusCode;

    public void HangUp() => HungUp = true;

    public void ConnectAudio() => AudioConnected = true;

    public void RemoteAnswers(string codec = "G722", bool srtp = true)
    {
        Media = new CallLegMediaStatus(codec, srtp, TimeSpan.FromMilliseconds(3), 0, 10, 10);
        events.OnAnswered(this);
    }

    public void Sends(string digits)
    {
        foreach (var digit in digits)
        {
            events.OnDigit(this, digit, DtmfSource.Rfc4733);
        }
    }

    public void Ends(CallLegEndReason reason, int statusCode = 0) => events.OnEnded(this, new CallLegEnd(reason, statusCode, reason.ToString()));
}

internal sealed class FakeDialer : ICallDialer
{
    public List<FakeLeg> Legs { get; } = [];

    public FakeLeg Leg(string target) => Legs.Last(leg => leg.Peer == target);

    public ICallLeg Dial(CallTargetOptions target, ICallLegEvents events)
    {
        var leg = new FakeLeg(target.Target, events);
        Legs.Add(leg);
        return leg;
    }
}

internal sealed class FakeFeedback : IVisitorFeedback
{
    public List<AudioTone> Tones { get; } = [];

    public AudioTone? Playing { get; private set; }

    public StationIndication Indication { get; private set; }

    public bool Fault { get; private set; }

    public void PlayTone(AudioTone tone)
    {
        Tones.Add(tone);
        Playing = tone;
    }

    public void StopTone() => Playing = null;

    public void ShowIndication(StationIndication indication) => Indication = indication;

    public void ShowFault(bool fault) => Fault = fault;
}

internal sealed class FakeOutputs(params string[] relays) : IDoorOutputs
{
    public List<string> Pulses { get; } = [];

    public bool PulseRelay(string relay)
    {
        if (!relays.Contains(relay))
        {
            return false;
        }

        Pulses.Add(relay);
        return true;
    }
}

internal sealed class ListJournal : IStationJournal
{
    public List<CallRecord> Calls { get; } = [];

    public List<StationEvent> Events { get; } = [];

    public void RecordCall(CallRecord record) => Calls.Add(record);

    public void RecordEvent(StationEvent stationEvent) => Events.Add(stationEvent);
}
