using Intercom.Hardware.Configuration;

namespace Intercom.Hardware.Inputs;

/// <summary>A wired input changed its debounced state: a door button was pressed or released, a door opened.</summary>
/// <param name="name">The input's configured name.</param>
/// <param name="kind">What the input means.</param>
/// <param name="active">True when pressed / open.</param>
public sealed class InputChangedEventArgs(string name, InputKind kind, bool active) : EventArgs
{
    /// <summary>The input's configured name.</summary>
    public string Name { get; } = name;

    /// <summary>What the input means.</summary>
    public InputKind Kind { get; } = kind;

    /// <summary>True when pressed / open.</summary>
    public bool Active { get; } = active;
}
