using System.Globalization;

namespace Intercom.Tools.Impair;

/// <summary>What the relay does to the datagrams of one direction.</summary>
public sealed record ImpairmentProfile
{
    /// <summary>Share of datagrams dropped at random, 0-1.</summary>
    public double Loss { get; init; }

    /// <summary>Each datagram is delayed by a uniform random time in [0, Jitter].</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Fixed delay added to every datagram.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Share of datagrams held back by an extra <see cref="ReorderDelay"/>, 0-1.</summary>
    public double Reorder { get; init; }

    /// <summary>Extra delay of reordered datagrams.</summary>
    public TimeSpan ReorderDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Share of datagrams sent twice, 0-1.</summary>
    public double Duplicate { get; init; }

    /// <summary>Start of an outage (all datagrams dropped), measured from the first datagram; null for none.</summary>
    public TimeSpan? OutageStart { get; init; }

    /// <summary>Length of the outage.</summary>
    public TimeSpan OutageLength { get; init; }

    /// <summary>Parses "loss=0.05,jitter=40ms,delay=10ms,reorder=0.01,duplicate=0.01,outage=2s+1500ms".</summary>
    public static bool TryParse(string text, out ImpairmentProfile profile, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        profile = new ImpairmentProfile();
        error = "";
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                error = $"'{part}' is not name=value";
                return false;
            }

            string value = pair[1];
            bool ok = pair[0] switch
            {
                "loss" => TryFraction(value, out double loss) && Set(ref profile, profile with { Loss = loss }),
                "jitter" => TryDuration(value, out TimeSpan jitter) && Set(ref profile, profile with { Jitter = jitter }),
                "delay" => TryDuration(value, out TimeSpan delay) && Set(ref profile, profile with { Delay = delay }),
                "reorder" => TryFraction(value, out double reorder) && Set(ref profile, profile with { Reorder = reorder }),
                "duplicate" => TryFraction(value, out double duplicate) && Set(ref profile, profile with { Duplicate = duplicate }),
                "outage" => TryOutage(value, ref profile),
                _ => false,
            };
            if (!ok)
            {
                error = $"'{part}': use loss|reorder|duplicate=0..1, jitter|delay=<n>ms|s, outage=<start>+<length>";
                return false;
            }
        }

        return true;
    }

    private static bool Set(ref ImpairmentProfile target, ImpairmentProfile value)
    {
        target = value;
        return true;
    }

    private static bool TryOutage(string value, ref ImpairmentProfile profile)
    {
        string[] parts = value.Split('+');
        if (parts.Length == 2 && TryDuration(parts[0], out TimeSpan start) && TryDuration(parts[1], out TimeSpan length))
        {
            profile = profile with { OutageStart = start, OutageLength = length };
            return true;
        }

        return false;
    }

    private static bool TryFraction(string value, out double fraction) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out fraction) && fraction is >= 0 and <= 1;

    private static bool TryDuration(string value, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        double scale = value.EndsWith("ms", StringComparison.Ordinal) ? 1 : value.EndsWith('s') ? 1000 : -1;
        string number = value.TrimEnd('m', 's');
        if (scale < 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) || amount < 0)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(amount * scale);
        return true;
    }
}
