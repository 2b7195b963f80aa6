using Intercom.Station.Configuration;
using Intercom.Hardware.Outputs;

namespace Intercom.Device.Hosting;

/// <summary>
/// <c>intercom --outputs-safe</c>: drives every configured relay and LED to its off level (honouring active-low) and
/// exits. systemd runs it before start and after stop, because a GPIO keeps its level when the process dies.
/// </summary>
public static class OutputsSafeCommand
{
    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(IntercomOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using var gpio = GpioSession.Open(options.Hardware.Gpio, out var problem);
        if (gpio is null)
        {
            error.WriteLine($"intercom: {problem}");
            return ExitCodes.Unavailable;
        }

        var pins = OutputSafety.OutputPins(options.Hardware);
        var count = OutputSafety.DriveAllOff(gpio.Controller, pins);
        var described = string.Join(", ", pins.Select(pin => $"GPIO {pin.Pin} {(pin.ActiveLow ? "high (active-low)" : "low")}"));
        output.WriteLine($"intercom: {count} outputs driven off{(count > 0 ? ": " + described : "")}");
        return ExitCodes.Success;
    }
}
