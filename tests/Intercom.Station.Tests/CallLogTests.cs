using Intercom.Station.Controller;
using Intercom.Station.Journal;

namespace Intercom.Station.Tests;

public sealed class CallLogTests
{
    private static readonly DateTimeOffset Start = new(2031, 2, 28, 23, 59, 7, TimeSpan.FromHours(3));

    private static CallRecord Call(int minute, string button, CallEndReason reason, bool door = false) => new()
    {
        StartedAt = Start.AddMinutes(minute),
        Direction = CallDirection.Visitor,
        Button = button,
        Targets = "alice, bob",
        AnsweredBy = reason == CallEndReason.NoAnswer ? null : "alice",
        Duration = TimeSpan.FromSeconds(42.5),
        TalkTime = TimeSpan.FromSeconds(40),
        Codec = "G722",
        Srtp = true,
        DoorOpened = door,
        EndReason = reason,
    };

    [Fact]
    public void RecordCall_SurvivesReopenAndQueriesFilterAndPage()
    {
        using var directory = new TemporaryDirectory();
        using (var log = CallLog.OpenIn(directory.File("state"), maximumCalls: 100, maximumEvents: 100))
        {
            for (var i = 0; i < 7; i++)
            {
                log.RecordCall(Call(i, i % 2 == 0 ? "door" : "door2", i == 3 ? CallEndReason.NoAnswer : CallEndReason.DoorOpened, door: i != 3));
            }
        }

        using var reopened = CallLog.OpenIn(directory.File("state"), maximumCalls: 100, maximumEvents: 100);
        var all = reopened.QueryCalls(new CallLogQuery { Limit = 3 });
        Assert.Equal(7, all.Total);
        Assert.Equal([Start.AddMinutes(6), Start.AddMinutes(5), Start.AddMinutes(4)], all.Items.Select(c => c.StartedAt));
        Assert.Equal(TimeSpan.FromSeconds(42.5), all.Items[0].Duration);
        Assert.True(all.Items[0].Srtp);

        var secondPage = reopened.QueryCalls(new CallLogQuery { Limit = 3, Offset = 3 });
        Assert.Equal([Start.AddMinutes(3), Start.AddMinutes(2), Start.AddMinutes(1)], secondPage.Items.Select(c => c.StartedAt));

        var unanswered = reopened.QueryCalls(new CallLogQuery { EndReason = CallEndReason.NoAnswer });
        Assert.Null(Assert.Single(unanswered.Items).AnsweredBy);
        Assert.Equal(3, reopened.QueryCalls(new CallLogQuery { Button = "door2" }).Total);
        Assert.Equal(2, reopened.QueryCalls(new CallLogQuery { From = Start.AddMinutes(5) }).Total);
        Assert.Equal(6, reopened.QueryCalls(new CallLogQuery { DoorOpened = true }).Total);
    }

    [Fact]
    public void RecordEvent_KeepsOnlyTheNewestRows()
    {
        using var directory = new TemporaryDirectory();
        using var log = CallLog.OpenIn(directory.Path, maximumCalls: 10, maximumEvents: 10);

        for (var i = 0; i < 25; i++)
        {
            log.RecordEvent(new StationEvent { Time = Start.AddSeconds(i), Kind = i % 5 == 0 ? StationEventKind.Tamper : StationEventKind.ButtonPressed, Subject = "door", Detail = $"press {i}" });
        }

        var page = log.QueryEvents(new EventLogQuery { Limit = 100 });
        Assert.Equal(10, page.Total);
        Assert.Equal("press 24", page.Items[0].Detail);
        Assert.Equal("press 15", page.Items[^1].Detail);
        Assert.Equal(2, log.QueryEvents(new EventLogQuery { Kind = StationEventKind.Tamper }).Total);
    }

    [Fact]
    public void RecordCall_KeepsOnlyTheNewestRowsAcrossReopen()
    {
        using var directory = new TemporaryDirectory();
        using (var log = CallLog.OpenIn(directory.Path, maximumCalls: 5, maximumEvents: 10))
        {
            for (var i = 0; i < 8; i++)
            {
                log.RecordCall(Call(i, "door", CallEndReason.DoorOpened, door: true));
            }
        }

        using var reopened = CallLog.OpenIn(directory.Path, maximumCalls: 5, maximumEvents: 10);
        reopened.RecordCall(Call(8, "door", CallEndReason.NoAnswer, door: false));

        var page = reopened.QueryCalls(new CallLogQuery { Limit = 100 });
        Assert.Equal(5, page.Total);
        Assert.Equal(Start.AddMinutes(8), page.Items[0].StartedAt);
        Assert.Equal(Start.AddMinutes(4), page.Items[^1].StartedAt);
    }
}
