using Microsoft.Extensions.Logging;

namespace Intercom.Station.Configuration;

/// <summary>
/// The running configuration and its file. A change is validated first; a bad one is rejected with its messages
/// and the running configuration stays. A good one is saved atomically (mode 0600) before it takes effect, so the
/// file and the running state never disagree.
/// </summary>
public sealed class ConfigurationStore
{
    private readonly Lock _gate = new();
    private readonly ILogger<ConfigurationStore> _logger;
    private IntercomOptions _current;
    private ConfigurationFallback? _fallback;

    /// <summary>Starts with <paramref name="initial"/>, already loaded and validated from <paramref name="path"/>.</summary>
    public ConfigurationStore(string path, IntercomOptions initial, ILogger<ConfigurationStore> logger)
        : this(path, initial, fallback: null, logger)
    {
    }

    /// <summary>
    /// Starts with <paramref name="initial"/>; <paramref name="fallback"/> says why it came from the last good copy
    /// instead of <paramref name="path"/> (null when it came from the file). Saves go to <paramref name="path"/>.
    /// </summary>
    public ConfigurationStore(string path, IntercomOptions initial, ConfigurationFallback? fallback, ILogger<ConfigurationStore> logger)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(logger);
        Path = path;
        _current = initial;
        _fallback = fallback;
        _logger = logger;
        ConfigurationMetrics.SetLastGoodInUse(fallback is not null);
    }

    /// <summary>The configuration file.</summary>
    public string Path { get; }

    /// <summary>The running configuration (an immutable snapshot).</summary>
    public IntercomOptions Current => Volatile.Read(ref _current);

    /// <summary>Why the service runs on the last good configuration; null when it runs on its file or after a save.</summary>
    public ConfigurationFallback? Fallback => Volatile.Read(ref _fallback);

    /// <summary>Raised after a change is saved and in effect, outside the store's lock.</summary>
    public event EventHandler<ConfigurationChangedEventArgs>? Changed;

    /// <summary>Validates, saves and applies <paramref name="candidate"/>; on any problem the running configuration stays.</summary>
    public ConfigurationApplyResult TryApply(IntercomOptions candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var errors = ConfigurationSections.Validate(candidate);
        if (errors.Count > 0)
        {
            ConfigurationMetrics.Rejected.Add(1);
            ConfigurationLog.ConfigurationChangeRejected(_logger, errors.Count);
            return ConfigurationApplyResult.Rejected(errors);
        }

        IntercomOptions previous;
        var content = ConfigurationFile.Serialize(candidate);
        lock (_gate)
        {
            try
            {
                AtomicFile.Write(Path, content);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                ConfigurationMetrics.Rejected.Add(1);
                ConfigurationLog.ConfigurationSaveFailed(_logger, Path, exception);
                return ConfigurationApplyResult.Rejected([$"{Path}: cannot save: {exception.Message}; the running configuration is unchanged"]);
            }

            previous = _current;
            Volatile.Write(ref _current, candidate);
            KeepLastGood(content);
            if (Volatile.Read(ref _fallback) is not null)
            {
                Volatile.Write(ref _fallback, null);
                ConfigurationMetrics.SetLastGoodInUse(false);
            }
        }

        ConfigurationLog.ConfigurationApplied(_logger, Path);
        try
        {
            Changed?.Invoke(this, new ConfigurationChangedEventArgs(previous, candidate));
        }
#pragma warning disable CA1031 // The change is saved and in effect; a subscriber's bug is logged, not turned into a failed apply.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ConfigurationLog.ConfigurationSubscriberFailed(_logger, exception);
        }

        return ConfigurationApplyResult.Success;
    }

    /// <summary>The saved file is good: it becomes the last good copy. A failure here does not undo the save.</summary>
    private void KeepLastGood(byte[] content)
    {
        try
        {
            ConfigurationRecovery.RememberGood(Path, content);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            ConfigurationLog.LastGoodNotKept(_logger, ConfigurationRecovery.LastGoodPath(Path), exception);
        }
    }
}
