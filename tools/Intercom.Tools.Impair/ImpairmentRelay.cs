using System.Net;
using System.Net.Sockets;

namespace Intercom.Tools.Impair;

/// <summary>
/// A UDP relay that impairs traffic like a bad network: A sends to <see cref="FrontEndPoint"/>, the relay forwards
/// to the target B from its back socket, and B's replies to the back socket go to the last address A sent from.
/// Each direction has its own <see cref="ImpairmentProfile"/>, which can be changed while relaying
/// (<see cref="Impair"/>), and <see cref="Interrupt"/> cuts both directions for a while, like a network outage.
/// Used by tests and by installers who want to hear a bad network (tc netem is not available on the device).
/// </summary>
public sealed class ImpairmentRelay : IDisposable
{
    private readonly Socket front;
    private readonly Socket back;
    private readonly IPEndPoint target;
    private readonly Direction forward;
    private readonly Direction backward;
    private readonly TimeProvider timeProvider;
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread thread;
    private EndPoint? frontPeer;
    private long interruptedUntil = long.MinValue;

    /// <summary>Starts relaying to <paramref name="target"/> from sockets bound on <paramref name="bindAddress"/> (ephemeral ports).</summary>
    public ImpairmentRelay(IPAddress bindAddress, IPEndPoint target, ImpairmentProfile forwardProfile, ImpairmentProfile backwardProfile, int seed, TimeProvider? timeProvider = null)
        : this(new IPEndPoint(bindAddress ?? throw new ArgumentNullException(nameof(bindAddress)), 0), target, forwardProfile, backwardProfile, seed, timeProvider)
    {
    }

    /// <summary>
    /// Starts relaying to <paramref name="target"/> with the front on <paramref name="frontEndPoint"/> (port 0: any),
    /// e.g. the address and port a device advertises in SDP; the back socket takes an ephemeral port on the same address.
    /// </summary>
    /// <exception cref="SocketException">The front end point is taken.</exception>
    public ImpairmentRelay(IPEndPoint frontEndPoint, IPEndPoint target, ImpairmentProfile forwardProfile, ImpairmentProfile backwardProfile, int seed, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(frontEndPoint);
        ArgumentNullException.ThrowIfNull(target);
        this.target = target;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        front = new Socket(frontEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        back = new Socket(frontEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            front.Bind(frontEndPoint);
            back.Bind(new IPEndPoint(frontEndPoint.Address, 0));
        }
        catch
        {
            front.Dispose();
            back.Dispose();
            throw;
        }

        forward = new Direction(forwardProfile, new Random(seed));
        backward = new Direction(backwardProfile, new Random(seed + 1));
        thread = new Thread(Run) { IsBackground = true, Name = "impair" };
        thread.Start();
    }

    /// <summary>Where A sends.</summary>
    public IPEndPoint FrontEndPoint => (IPEndPoint)front.LocalEndPoint!;

    /// <summary>The address B sees traffic from.</summary>
    public IPEndPoint BackEndPoint => (IPEndPoint)back.LocalEndPoint!;

    /// <summary>Counters of the A to B direction.</summary>
    public RelayCounters Forward => forward.Counters;

    /// <summary>Counters of the B to A direction.</summary>
    public RelayCounters Backward => backward.Counters;

    /// <summary>Replaces both directions' profiles; datagrams already held back keep their delay.</summary>
    public void Impair(ImpairmentProfile forwardProfile, ImpairmentProfile backwardProfile)
    {
        ArgumentNullException.ThrowIfNull(forwardProfile);
        ArgumentNullException.ThrowIfNull(backwardProfile);
        forward.Profile = forwardProfile;
        backward.Profile = backwardProfile;
    }

    /// <summary>
    /// Drops every datagram in both directions for <paramref name="length"/> from now, like a network outage
    /// (counted in <see cref="RelayCounters.Interrupted"/> and <see cref="RelayCounters.Dropped"/>).
    /// </summary>
    public void Interrupt(TimeSpan length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, TimeSpan.Zero);
        Interlocked.Exchange(ref interruptedUntil, timeProvider.GetTimestamp() + (long)(length.TotalSeconds * timeProvider.TimestampFrequency));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        stopping.Cancel();
        thread.Join(TimeSpan.FromSeconds(2));
        front.Dispose();
        back.Dispose();
        stopping.Dispose();
    }

    private void Run()
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(front.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // Each datagram is stamped when it is read, not before the wait for it.
                long now;
                if (front.Poll(TimeSpan.FromMilliseconds(1), SelectMode.SelectRead))
                {
                    EndPoint source = any;
                    int length = front.ReceiveFrom(buffer, ref source);
                    now = timeProvider.GetTimestamp();
                    frontPeer = source;
                    forward.Accept(buffer.AsSpan(0, length), now, timeProvider, Interrupted(now));
                }

                if (back.Poll(0, SelectMode.SelectRead))
                {
                    EndPoint source = any;
                    int length = back.ReceiveFrom(buffer, ref source);
                    now = timeProvider.GetTimestamp();
                    backward.Accept(buffer.AsSpan(0, length), now, timeProvider, Interrupted(now));
                }

                now = timeProvider.GetTimestamp();
                forward.Flush(now, back, target);
                if (frontPeer is not null)
                {
                    backward.Flush(now, front, frontPeer);
                }
            }
            catch (SocketException)
            {
                // ICMP unreachable from a peer that went away: keep relaying.
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    private bool Interrupted(long now) => now < Interlocked.Read(ref interruptedUntil);

    private sealed class Direction(ImpairmentProfile profile, Random random)
    {
        private readonly PriorityQueue<byte[], long> pending = new();
        private volatile ImpairmentProfile profile = profile;
        private long firstTimestamp = -1;

        public RelayCounters Counters { get; } = new();

        public ImpairmentProfile Profile
        {
            get => profile;
            set => profile = value;
        }

        public void Accept(ReadOnlySpan<byte> datagram, long now, TimeProvider time, bool interrupted)
        {
            Counters.Received++;
            if (interrupted)
            {
                Counters.Interrupted++;
                Counters.Dropped++;
                return;
            }

            ImpairmentProfile profile = this.profile;
            if (firstTimestamp < 0)
            {
                firstTimestamp = now;
            }

            TimeSpan sinceFirst = time.GetElapsedTime(firstTimestamp, now);
            bool inOutage = profile.OutageStart is TimeSpan start && sinceFirst >= start && sinceFirst < start + profile.OutageLength;
            if (inOutage || random.NextDouble() < profile.Loss)
            {
                Counters.Dropped++;
                return;
            }

            int copies = random.NextDouble() < profile.Duplicate ? 2 : 1;
            Counters.Duplicated += copies - 1;
            for (int i = 0; i < copies; i++)
            {
                TimeSpan delay = profile.Delay + (profile.Jitter * random.NextDouble());
                if (random.NextDouble() < profile.Reorder)
                {
                    delay += profile.ReorderDelay;
                    Counters.Reordered++;
                }

                long due = now + (long)(delay.TotalSeconds * time.TimestampFrequency);
                pending.Enqueue(datagram.ToArray(), due);
            }
        }

        public void Flush(long now, Socket socket, EndPoint destination)
        {
            while (pending.TryPeek(out byte[]? datagram, out long due) && due <= now)
            {
                pending.Dequeue();
                socket.SendTo(datagram, destination);
                Counters.Forwarded++;
            }
        }
    }
}
