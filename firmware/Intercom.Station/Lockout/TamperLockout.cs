using System.Globalization;
using System.Text;
using Intercom.Station.Configuration;

namespace Intercom.Station.Lockout;

/// <summary>
/// The relay lockout after the tamper switch tripped; it survives a restart. The time left is counted on the
/// monotonic clock while the service runs and saved to the state directory every <see cref="SaveInterval"/> (and
/// at start, at stop, at the end). After a restart the saved time left is restored as it was: the time the device was
/// off is not counted, because a Pi has no real-time clock and its wall clock jumps at NTP sync, so it cannot tell
/// how long it was off. A lockout therefore never ends early; it may end late by the time spent off.
/// A state file that cannot be read locks out for the whole configured duration.
/// </summary>
public sealed class TamperLockout : IDisposable
{
    /// <summary>How often the time left is saved while locked out.</summary>
    public static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(10);

    private const string Key = "remainingMilliseconds=";
    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _saveTimer;
    private TimeSpan _remainingAtStart;
    private long _startTimestamp;

    /// <summary>Loads any saved lockout from <paramref name="path"/>.</summary>
    public TamperLockout(string path, TimeSpan configuredDuration, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _path = path;
        _timeProvider = timeProvider;
        _startTimestamp = timeProvider.GetTimestamp();
        _remainingAtStart = Load(path, configuredDuration);
        _saveTimer = timeProvider.CreateTimer(_ => Save(), null, SaveInterval, SaveInterval);
        if (_remainingAtStart > TimeSpan.Zero)
        {
            Save();
        }
    }

    /// <summary>The state file.</summary>
    public string Path => _path;

    /// <summary>Time left; zero when the relays are free.</summary>
    public TimeSpan Remaining
    {
        get
        {
            lock (_gate)
            {
                var left = _remainingAtStart - _timeProvider.GetElapsedTime(_startTimestamp);
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }
    }

    /// <summary>True while the relays are locked out.</summary>
    public bool IsActive => Remaining > TimeSpan.Zero;

    /// <summary>Starts (or extends) a lockout of <paramref name="duration"/> from now and saves it.</summary>
    public void Trip(TimeSpan duration)
    {
        lock (_gate)
        {
            var left = _remainingAtStart - _timeProvider.GetElapsedTime(_startTimestamp);
            if (duration <= left)
            {
                return;
            }

            _remainingAtStart = duration;
            _startTimestamp = _timeProvider.GetTimestamp();
        }

        Save();
    }

    /// <summary>Writes the time left (or removes the file when none is left). I/O errors keep the old file.</summary>
    public void Save()
    {
        var remaining = Remaining;
        try
        {
            if (remaining <= TimeSpan.Zero)
            {
                File.Delete(_path);
                return;
            }

            var text = Key + ((long)Math.Ceiling(remaining.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "\n";
            AtomicFile.Write(_path, Encoding.ASCII.GetBytes(text));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The previous file (an older, longer time left) stays: safe.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _saveTimer.Dispose();
        Save();
    }

    private static TimeSpan Load(string path, TimeSpan configuredDuration)
    {
        string text;
        try
        {
            if (!File.Exists(path))
            {
                return TimeSpan.Zero;
            }

            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return configuredDuration;
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith(Key, StringComparison.Ordinal)
            && long.TryParse(trimmed.AsSpan(Key.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds <= (long)TimeSpan.FromDays(7).TotalMilliseconds)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return configuredDuration;
    }
}
