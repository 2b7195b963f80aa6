using Intercom.Station.Codes;
using Intercom.Station.Configuration;

namespace Intercom.Station.Controller;

/// <summary>The door station's one call: its legs, timers and door-code state. Touched only on the station loop.</summary>
internal sealed class ActiveCall
{
    public required CallDirection Direction { get; init; }

    public string? Button { get; init; }

    public ButtonOptions? Plan { get; init; }

    public required string Targets { get; init; }

    public required long StartTimestamp { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public bool MayOpenDoor { get; init; } = true;

    public List<LegSlot> Legs { get; } = [];

    public List<ITimer> Timers { get; } = [];

    public DoorCodeEntry Entry { get; } = new();

    public LegSlot? Answered { get; set; }

    public long AnsweredTimestamp { get; set; }

    public int SequentialIndex { get; set; }

    public bool FallbackDialled { get; set; }

    public bool DoorOpened { get; set; }

    public int WrongCodes { get; set; }

    public bool Ended { get; set; }

    public ITimer? InterDigitTimer { get; set; }

    public string DigitsMasked { get; set; } = string.Empty;

    public LegSlot? Find(ICallLeg leg)
    {
        foreach (var slot in Legs)
        {
            if (ReferenceEquals(slot.Leg, leg))
            {
                return slot;
            }
        }

        return null;
    }
}

/// <summary>One leg of the call and what the station knows about it.</summary>
internal sealed class LegSlot(ICallLeg leg, CallTargetOptions? target)
{
    public ICallLeg Leg { get; } = leg;

    public CallTargetOptions? Target { get; } = target;

    /// <summary>The leg ended or the station gave up on it: it no longer counts for the plan.</summary>
    public bool Done { get; set; }

    /// <summary>The station stopped it because its ring time was over.</summary>
    public bool TimedOut { get; set; }

    public CallLegEnd? End { get; set; }
}
