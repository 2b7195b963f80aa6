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

    /// <summary>Starts with <paramref name="initial"/>, already loaded and validated from <paramref name="path"/>.</summary>
    public ConfigurationStore(string path, IntercomOptions initial, ILogger<ConfigurationStore> logger)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(logger);
        Path = path;
        _current = initial;
        _logger = logger;
    }

    /// <summary>The configuration file.</summary>
    public string Path { get; }

    /// <summary>The running configuration (an immutable snapshot).</summary>
    public IntercomOptions Current => Volatile.Read(ref _current);

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
        lock (_gate)
        {
            try
            {
                AtomicFile.Write(Path, ConfigurationFile.Serialize(candidate));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                ConfigurationMetrics.Rejected.Add(1);
                ConfigurationLog.ConfigurationSaveFailed(_logger, Path, exception);
                return ConfigurationApplyResult.Rejected([$"{Path}: cannot save: {exception.Message}; the running configuration is unchanged"]);
            }

            previous = _current;
            Volatile.Write(ref _current, candidate);
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
}
