using System.Net;

namespace Intercom.Web.Security;

/// <summary>
/// Slows down and then locks out password guessing (PRODUCT.md: brute-forceable logins without lockout were a real
/// incident in this product category). Per client address: the first <see cref="FreeFailures"/> failures cost
/// nothing, each further one doubles the wait before the next attempt (1 s, 2 s, ...), and
/// <see cref="FailuresBeforeLockout"/> failures lock the address out for <see cref="LockoutDuration"/>. Across all
/// addresses, <see cref="GlobalFailuresBeforeLockout"/> failures within <see cref="GlobalWindow"/> lock every login
/// for <see cref="GlobalLockoutDuration"/> (a distributed guess). A success clears its address. Attempts are refused
/// rather than delayed on the server, so no request is held open. Times come from the injected clock.
/// </summary>
public sealed class LoginThrottle
{
    /// <summary>Failures per address before any delay.</summary>
    public const int FreeFailures = 2;

    /// <summary>Failures per address that lock it out.</summary>
    public const int FailuresBeforeLockout = 5;

    /// <summary>How long an address stays locked out.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>Failures from all addresses within <see cref="GlobalWindow"/> that lock every login.</summary>
    public const int GlobalFailuresBeforeLockout = 20;

    /// <summary>The window over which failures from all addresses are counted.</summary>
    public static readonly TimeSpan GlobalWindow = TimeSpan.FromMinutes(10);

    /// <summary>How long every login stays locked after a distributed guess.</summary>
    public static readonly TimeSpan GlobalLockoutDuration = TimeSpan.FromMinutes(5);

    /// <summary>Addresses remembered at most; the stalest are forgotten first.</summary>
    public const int MaximumTrackedAddresses = 1024;

    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<IPAddress, AddressRecord> _addresses = [];
    private readonly Queue<long> _recentFailures = new();
    private long _globalLockedUntil;

    /// <summary>Creates the throttle on <paramref name="timeProvider"/>.</summary>
    public LoginThrottle(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>Whether <paramref name="address"/> may try a password now.</summary>
    public LoginGate Check(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var now = _timeProvider.GetTimestamp();
        lock (_gate)
        {
            if (_globalLockedUntil != 0 && now < _globalLockedUntil)
            {
                return new LoginGate(false, Remaining(now, _globalLockedUntil), true);
            }

            if (!_addresses.TryGetValue(Normalize(address), out var record) || now >= record.NotBefore)
            {
                return LoginGate.Open;
            }

            return new LoginGate(false, Remaining(now, record.NotBefore), record.Failures >= FailuresBeforeLockout);
        }
    }

    /// <summary>Records a wrong password from <paramref name="address"/>; returns the gate for its next attempt.</summary>
    public LoginGate RecordFailure(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var now = _timeProvider.GetTimestamp();
        lock (_gate)
        {
            var key = Normalize(address);
            if (!_addresses.TryGetValue(key, out var record))
            {
                if (_addresses.Count >= MaximumTrackedAddresses)
                {
                    ForgetStalest();
                }

                record = new AddressRecord();
                _addresses[key] = record;
            }

            if (record.Failures >= FailuresBeforeLockout && now >= record.NotBefore)
            {
                // The lockout ran out: start counting again, but the next failure is not free.
                record.Failures = FreeFailures;
            }

            record.Failures++;
            record.LastFailure = now;
            if (record.Failures >= FailuresBeforeLockout)
            {
                record.NotBefore = now + ToTicks(LockoutDuration);
            }
            else if (record.Failures > FreeFailures)
            {
                record.NotBefore = now + ToTicks(FirstDelay * (1 << (record.Failures - FreeFailures - 1)));
            }

            _recentFailures.Enqueue(now);
            while (_recentFailures.Count > 0 && now - _recentFailures.Peek() > ToTicks(GlobalWindow))
            {
                _recentFailures.Dequeue();
            }

            if (_recentFailures.Count >= GlobalFailuresBeforeLockout)
            {
                _globalLockedUntil = now + ToTicks(GlobalLockoutDuration);
                _recentFailures.Clear();
            }
        }

        return Check(address);
    }

    /// <summary>Records a good password from <paramref name="address"/>: its failures are forgotten.</summary>
    public void RecordSuccess(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_gate)
        {
            _addresses.Remove(Normalize(address));
        }
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private void ForgetStalest()
    {
        var stalest = _addresses.MinBy(pair => pair.Value.LastFailure).Key;
        _addresses.Remove(stalest);
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _timeProvider.TimestampFrequency);

    private TimeSpan Remaining(long now, long until) => TimeSpan.FromSeconds((double)(until - now) / _timeProvider.TimestampFrequency);

    private sealed class AddressRecord
    {
        public int Failures;
        public long NotBefore;
        public long LastFailure;
    }
}
