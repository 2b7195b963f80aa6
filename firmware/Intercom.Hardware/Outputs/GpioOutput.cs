using System.Device.Gpio;
using Intercom.Hardware.Configuration;

namespace Intercom.Hardware.Outputs;

/// <summary>
/// One output line with its active level. Opened straight into its off level (no glitch on active-low boards), and
/// driven off again on dispose.
/// </summary>
public sealed class GpioOutput : IDisposable
{
    private readonly GpioController _controller;
    private bool _disposed;

    /// <summary>Opens <paramref name="pin"/> as an output at its off level.</summary>
    public GpioOutput(GpioController controller, ResolvedPin pin)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _controller = controller;
        Pin = pin;
        controller.OpenPin(pin.Pin, PinMode.Output, OffLevel(pin));
    }

    /// <summary>The GPIO line and its active level.</summary>
    public ResolvedPin Pin { get; }

    /// <summary>The electrical level that switches the load off: high on active-low boards.</summary>
    public static PinValue OffLevel(ResolvedPin pin) => pin.ActiveLow ? PinValue.High : PinValue.Low;

    /// <summary>The electrical level that switches the load on.</summary>
    public static PinValue OnLevel(ResolvedPin pin) => pin.ActiveLow ? PinValue.Low : PinValue.High;

    /// <summary>Switches the load on or off.</summary>
    public void Set(bool on) => _controller.Write(Pin.Pin, on ? OnLevel(Pin) : OffLevel(Pin));

    /// <summary>Reads the line back (the driver's latch): true when the load is on, whoever drove it.</summary>
    public bool ReadIsOn() => _controller.Read(Pin.Pin) == OnLevel(Pin);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _controller.Write(Pin.Pin, OffLevel(Pin));
        _controller.ClosePin(Pin.Pin);
    }
}
