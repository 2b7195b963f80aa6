namespace Intercom.Station.Configuration;

/// <summary>The outcome of a run-time configuration change.</summary>
public sealed class ConfigurationApplyResult
{
    private ConfigurationApplyResult(bool applied, IReadOnlyList<string> errors)
    {
        Applied = applied;
        Errors = errors;
    }

    /// <summary>True when the change was saved and is now the running configuration.</summary>
    public bool Applied { get; }

    /// <summary>Why the change was rejected (the running configuration stays); empty when applied.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The change is in effect.</summary>
    public static ConfigurationApplyResult Success { get; } = new(true, []);

    /// <summary>The change was rejected.</summary>
    public static ConfigurationApplyResult Rejected(IReadOnlyList<string> errors) => new(false, errors);
}
