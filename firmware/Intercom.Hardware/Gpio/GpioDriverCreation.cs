using System.Device.Gpio;

namespace Intercom.Hardware.Gpio;

/// <summary>The outcome of building a GPIO driver: the driver, or a message saying what is wrong and how to fix it.</summary>
public sealed class GpioDriverCreation
{
    private GpioDriverCreation(GpioDriver? driver, string? error)
    {
        Driver = driver;
        Error = error;
    }

    /// <summary>The driver; null when <see cref="Error"/> is set.</summary>
    public GpioDriver? Driver { get; }

    /// <summary>Why no driver could be built; null on success.</summary>
    public string? Error { get; }

    /// <summary>A built driver.</summary>
    public static GpioDriverCreation Success(GpioDriver driver) => new(driver, null);

    /// <summary>A failure with its reason.</summary>
    public static GpioDriverCreation Failure(string error) => new(null, error);
}
