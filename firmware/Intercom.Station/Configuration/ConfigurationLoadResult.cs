namespace Intercom.Station.Configuration;

/// <summary>The outcome of reading a configuration file: the options, or every problem found.</summary>
public sealed class ConfigurationLoadResult
{
    private ConfigurationLoadResult(IntercomOptions? options, IReadOnlyList<string> errors)
    {
        Options = options;
        Errors = errors;
    }

    /// <summary>The validated options; null when <see cref="Errors"/> is not empty.</summary>
    public IntercomOptions? Options { get; }

    /// <summary>Problems, each naming the field and the fix.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>True when the options are usable.</summary>
    public bool Succeeded => Options is not null;

    /// <summary>A good configuration.</summary>
    public static ConfigurationLoadResult Success(IntercomOptions options) => new(options, []);

    /// <summary>A bad configuration.</summary>
    public static ConfigurationLoadResult Failure(IReadOnlyList<string> errors) => new(null, errors);
}
