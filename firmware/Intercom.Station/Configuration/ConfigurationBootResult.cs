namespace Intercom.Station.Configuration;

/// <summary>The outcome of <see cref="ConfigurationRecovery.Boot"/>: the options to run on and where they came from.</summary>
public sealed class ConfigurationBootResult
{
    /// <summary>The bytes of a good configuration file as read and validated; null after a fallback or for Inspect.</summary>
    private readonly byte[]? _content;

    internal ConfigurationBootResult(
        IntercomOptions? options, string? usedPath, ConfigurationFallback? fallback, IReadOnlyList<string> errors,
        IReadOnlyList<string> leftoversDeleted, string? lastGoodProblem, byte[]? content)
    {
        _content = content;
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

    /// <summary>Why the last good copy is not usable, or the refused file could not be moved aside (the boot goes on when it can).</summary>
    public string? LastGoodProblem { get; }

    /// <summary>True when <see cref="Options"/> is usable.</summary>
    public bool Succeeded => Options is not null;

    /// <summary>
    /// Call once the service runs on the configuration file (not at a mere load: a file that validates but cannot
    /// start the service, e.g. a GPIO chip that is not there, must not become the copy to fall back on). Writes exactly
    /// the bytes that were validated as the last good copy (0600), unless the copy already holds them. Returns why the
    /// copy could not be written, or null; does nothing after a fallback.
    /// </summary>
    public string? KeepLastGood() =>
        _content is not null && UsedPath is not null ? ConfigurationRecovery.KeepLastGood(UsedPath, _content) : null;
}
