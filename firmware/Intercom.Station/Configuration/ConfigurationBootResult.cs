namespace Intercom.Station.Configuration;

/// <summary>The outcome of <see cref="ConfigurationRecovery.Boot"/>: the options to run on and where they came from.</summary>
public sealed class ConfigurationBootResult
{
    internal ConfigurationBootResult(
        IntercomOptions? options, string? usedPath, ConfigurationFallback? fallback, IReadOnlyList<string> errors,
        IReadOnlyList<string> leftoversDeleted, string? lastGoodProblem)
    {
        Options = options;
        UsedPath = usedPath;
        Fallback = fallback;
        Errors = errors;
        LeftoversDeleted = leftoversDeleted;
        LastGoodProblem = lastGoodProblem;
    }

    /// <summary>The validated options; null when neither the file nor a last good copy is usable.</summary>
    public IntercomOptions? Options { get; }

    /// <summary>The file the options were read from: the configuration file or its last good copy.</summary>
    public string? UsedPath { get; }

    /// <summary>Set when the configuration file was refused and the last good copy is used.</summary>
    public ConfigurationFallback? Fallback { get; }

    /// <summary>The configuration file's problems when nothing is usable (empty otherwise).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Temporary files of an interrupted save that were deleted.</summary>
    public IReadOnlyList<string> LeftoversDeleted { get; }

    /// <summary>Why the last good copy could not be written or read, when that happened (the boot goes on).</summary>
    public string? LastGoodProblem { get; }

    /// <summary>True when <see cref="Options"/> is usable.</summary>
    public bool Succeeded => Options is not null;
}
