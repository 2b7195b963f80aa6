namespace Intercom.Station.Configuration;

/// <summary>The running configuration was replaced.</summary>
/// <param name="previous">The configuration before the change.</param>
/// <param name="current">The configuration now running.</param>
public sealed class ConfigurationChangedEventArgs(IntercomOptions previous, IntercomOptions current) : EventArgs
{
    /// <summary>The configuration before the change.</summary>
    public IntercomOptions Previous { get; } = previous;

    /// <summary>The configuration now running.</summary>
    public IntercomOptions Current { get; } = current;
}
