using System.Net;
using System.Text;
using Intercom.Sip.Core;
using Intercom.Sip.Diagnostics;
using Intercom.Sip.Messages;
using Intercom.Sip.Transactions;
using Intercom.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Sip.Tests.Transactions;

/// <summary>A transaction layer on a fake clock with an inline loop and a sender that records what goes out.</summary>
internal sealed class TransactionHarness : ISipSender, IDisposable
{
    public TransactionHarness()
    {
        // An odd start date, so hidden use of the wall clock would show.
        Clock = new FakeTimeProvider(new DateTimeOffset(2031, 7, 13, 3, 17, 41, TimeSpan.FromHours(5)));
        Metrics = new SipMetrics();
        var loop = new SipEventLoop(NullLogger.Instance, inline: true);
        Layer = new SipTransactionLayer(new SipTransactionContext(loop, Clock, new SipTimerSettings(), this, Metrics, NullLogger.Instance));
    }

    public FakeTimeProvider Clock { get; }

    public SipMetrics Metrics { get; }

    public SipTransactionLayer Layer { get; }

    public List<string> Sent { get; } = [];

    public bool FailSends { get; set; }

    public static SipFlow Udp { get; } = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060));

    public static SipFlow Tcp { get; } = new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, 5060));

    public void Send(SipFlow flow, ReadOnlyMemory<byte> data, Action<Exception>? onError)
    {
        Sent.Add(Encoding.UTF8.GetString(data.Span));
        if (FailSends)
        {
            onError?.Invoke(new IOException("refused"));
        }
    }

    public static SipMessageBuilder Request(string method, string branch = "z9hG4bKtest1")
    {
        SipMessageBuilder request = SipMessageBuilder.Request(method, "sip:bob@127.0.0.1");
        request.Add(SipHeaderKind.Via, $"SIP/2.0/UDP 127.0.0.1:5070;branch={branch}");
        request.Add(SipHeaderKind.MaxForwards, "70");
        request.Add(SipHeaderKind.From, "<sip:alice@127.0.0.1>;tag=a1");
        request.Add(SipHeaderKind.To, "<sip:bob@127.0.0.1>");
        request.Add(SipHeaderKind.CallId, "call-1");
        request.Add(SipHeaderKind.CSeq, $"1 {method}");
        return request;
    }

    public static SipMessage Parse(SipMessageBuilder builder) => SipMessageParser.Parse(builder.ToArray(), SipFraming.Datagram).Message!;

    public static SipMessage ResponseTo(SipMessageBuilder request, int status) =>
        Parse(SipMessageBuilder.ResponseTo(Parse(request), status, null, status > 100 ? "b1" : null));

    /// <summary>Advances the fake clock in 10 ms steps so timers started by timers fire on time.</summary>
    public void Advance(TimeSpan total)
    {
        TimeSpan step = TimeSpan.FromMilliseconds(10);
        while (total > TimeSpan.Zero)
        {
            TimeSpan next = total < step ? total : step;
            Clock.Advance(next);
            total -= next;
        }
    }

    public int CountSent(string startLine) => Sent.Count(s => s.StartsWith(startLine, StringComparison.Ordinal));

    public void Dispose() => Metrics.Dispose();
}
