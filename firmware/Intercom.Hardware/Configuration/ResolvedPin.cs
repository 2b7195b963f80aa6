namespace Intercom.Hardware.Configuration;

/// <summary>A configuration item's pin after the board profile is applied.</summary>
/// <param name="Pin">BCM GPIO number.</param>
/// <param name="ActiveLow">True when the item is active at the low level.</param>
public readonly record struct ResolvedPin(int Pin, bool ActiveLow);
