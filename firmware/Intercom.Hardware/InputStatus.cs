using Intercom.Hardware.Configuration;

namespace Intercom.Hardware;

/// <summary>One input's state.</summary>
/// <param name="Name">Configured name.</param>
/// <param name="Kind">What the input means.</param>
/// <param name="Pin">BCM GPIO number.</param>
/// <param name="Active">Debounced state.</param>
/// <param name="ActivationCount">Debounced activations since start.</param>
/// <param name="RejectedCount">Activity rejected as too short since start.</param>
public sealed record InputStatus(string Name, InputKind Kind, int Pin, bool Active, long ActivationCount, long RejectedCount);
