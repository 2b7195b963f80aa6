using Intercom.Sip.Core;
using Intercom.Sip.Diagnostics;
using Intercom.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Intercom.Sip.Transactions;

/// <summary>What every transaction needs from its stack: the loop, the clock, the timer values and a way to send.</summary>
internal sealed class SipTransactionContext(SipEventLoop loop, TimeProvider timeProvider, SipTimerSettings timers, ISipSender sender, SipMetrics metrics, ILogger logger)
{
    public SipEventLoop Loop { get; } = loop;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public SipTimerSettings Timers { get; } = timers;

    public ISipSender Sender { get; } = sender;

    public SipMetrics Metrics { get; } = metrics;

    public ILogger Logger { get; } = logger;

    public SipTimer StartTimer(TimeSpan due, Action callback) => SipTimer.Start(TimeProvider, Loop, due, callback);
}
