using Intercom.Integration.Mqtt;

namespace Intercom.Integration.Tests.Mqtt;

/// <summary>Exponential backoff with equal jitter, capped, reset after a connection.</summary>
public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Next_Doubles_WithJitterInTheUpperHalf_UpToTheMaximum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(1234));
        double[] ceilings = [1, 2, 4, 8, 16, 30, 30, 30];
        foreach (var ceiling in ceilings)
        {
            var delay = backoff.Next().TotalSeconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }

        Assert.Equal(ceilings.Length, backoff.Failures);
        backoff.Reset();
        Assert.InRange(backoff.Next().TotalSeconds, 0.5, 1);
    }

    [Fact]
    public void Next_TwoStations_DoNotRetryInStep()
    {
        var first = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), new Random(1));
        var second = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), new Random(2));
        var differences = Enumerable.Range(0, 6).Count(_ => first.Next() != second.Next());

        Assert.True(differences >= 5);
    }
}
