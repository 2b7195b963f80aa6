using System.Device.Gpio;
using Intercom.Hardware.Gpio;

namespace Intercom.Hardware.Tests;

public sealed class SimulatedGpioDriverTests
{
    [Fact]
    public void GpioController_WriteOutput_ReadsBackLatch()
    {
        using var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);

        controller.OpenPin(17, PinMode.Output, PinValue.High);
        Assert.Equal(PinValue.High, controller.Read(17));
        controller.Write(17, PinValue.Low);

        Assert.Equal(PinValue.Low, controller.Read(17));
        Assert.Equal(PinValue.Low, driver.PeekLevel(17));
    }

    [Fact]
    public void GpioController_InputBias_ReadsPullLevelUntilDriven()
    {
        using var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);

        controller.OpenPin(5, PinMode.InputPullUp);
        controller.OpenPin(6, PinMode.InputPullDown);
        Assert.Equal(PinValue.High, controller.Read(5));
        Assert.Equal(PinValue.Low, controller.Read(6));

        driver.DriveInput(5, PinValue.Low);
        Assert.Equal(PinValue.Low, controller.Read(5));
        driver.ReleaseInput(5);
        Assert.Equal(PinValue.High, controller.Read(5));
    }

    [Fact]
    public void GpioController_Callback_ReceivesOnlySubscribedEdges()
    {
        using var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(5, PinMode.InputPullUp);
        var edges = new List<PinEventTypes>();
        controller.RegisterCallbackForPinValueChangedEvent(5, PinEventTypes.Falling, (_, args) => edges.Add(args.ChangeType));

        driver.DriveInput(5, PinValue.Low);
        driver.DriveInput(5, PinValue.Low);
        driver.DriveInput(5, PinValue.High);
        driver.DriveInput(5, PinValue.Low);

        Assert.Equal([PinEventTypes.Falling, PinEventTypes.Falling], edges);
    }

    [Fact]
    public void GpioController_UnregisteredCallback_IsNotCalled()
    {
        using var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(5, PinMode.Input);
        var calls = 0;
        void Handler(object sender, PinValueChangedEventArgs args) => calls++;
        controller.RegisterCallbackForPinValueChangedEvent(5, PinEventTypes.Rising | PinEventTypes.Falling, Handler);
        driver.DriveInput(5, PinValue.High);
        controller.UnregisterCallbackForPinValueChangedEvent(5, Handler);
        driver.DriveInput(5, PinValue.Low);

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task GpioController_WaitForEvent_ReturnsEdgeOrTimesOut()
    {
        using var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(5, PinMode.InputPullDown);

        var waiting = Task.Run(() => controller.WaitForEvent(5, PinEventTypes.Rising, TimeSpan.FromSeconds(10)), TestContext.Current.CancellationToken);
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!waiting.IsCompleted && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            driver.DriveInput(5, PinValue.High);
            driver.DriveInput(5, PinValue.Low);
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        var result = await waiting;
        Assert.False(result.TimedOut);
        Assert.Equal(PinEventTypes.Rising, result.EventTypes);

        var timedOut = controller.WaitForEvent(5, PinEventTypes.Rising, TimeSpan.FromMilliseconds(20));
        Assert.True(timedOut.TimedOut);
    }

    [Fact]
    public void GpioController_PinOutsideChip_Throws()
    {
        using var driver = new SimulatedGpioDriver(lineCount: 28);
        using var controller = new GpioController(driver);

        Assert.ThrowsAny<ArgumentException>(() => controller.OpenPin(40));
    }

    [Fact]
    public void GpioController_ClosedPin_ReadsFail()
    {
        using var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(5, PinMode.Input);
        controller.ClosePin(5);

        Assert.False(controller.IsPinOpen(5));
        Assert.ThrowsAny<InvalidOperationException>(() => controller.Read(5));
    }
}
