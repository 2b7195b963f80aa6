namespace Intercom.Sip.Core;

/// <summary>RFC 3261 §17.1.1.1 and Table 4: the base timer values.</summary>
public sealed record SipTimerSettings
{
    /// <summary>Round-trip time estimate (default 500 ms).</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Maximum retransmit interval for non-INVITE requests and INVITE responses (default 4 s).</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Maximum time a message stays in the network (default 5 s).</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timers B, F, H, J, L, M: 64*T1.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>Timer D on unreliable transports: at least 32 s (RFC 3261 §17.1.1.2).</summary>
    public TimeSpan TimerD => TimeSpan.FromSeconds(32) > TransactionTimeout ? TimeSpan.FromSeconds(32) : TransactionTimeout;
}
