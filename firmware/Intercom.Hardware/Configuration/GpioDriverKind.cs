namespace Intercom.Hardware.Configuration;

/// <summary>Which GPIO driver the service builds. Chosen explicitly in configuration, never guessed.</summary>
public enum GpioDriverKind
{
    /// <summary>An in-process simulated GPIO chip (<see cref="Gpio.SimulatedGpioDriver"/>): laptops and tests.</summary>
    Simulated,

    /// <summary>The Linux GPIO character device through libgpiod, chip chosen by its label.</summary>
    Libgpiod,
}
