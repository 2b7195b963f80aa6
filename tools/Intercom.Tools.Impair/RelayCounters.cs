namespace Intercom.Tools.Impair;

/// <summary>What the relay did to one direction's datagrams.</summary>
public sealed class RelayCounters
{
    /// <summary>Datagrams received.</summary>
    public long Received { get; internal set; }

    /// <summary>Datagrams dropped (loss, outage or interruption).</summary>
    public long Dropped { get; internal set; }

    /// <summary>Datagrams dropped because <see cref="ImpairmentRelay.Interrupt"/> cut the relay (also in <see cref="Dropped"/>).</summary>
    public long Interrupted { get; internal set; }

    /// <summary>Extra copies sent.</summary>
    public long Duplicated { get; internal set; }

    /// <summary>Datagrams held back to arrive out of order.</summary>
    public long Reordered { get; internal set; }

    /// <summary>Datagrams sent on.</summary>
    public long Forwarded { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"received {Received}, dropped {Dropped} (interrupted {Interrupted}), duplicated {Duplicated}, reordered {Reordered}, forwarded {Forwarded}";
}
