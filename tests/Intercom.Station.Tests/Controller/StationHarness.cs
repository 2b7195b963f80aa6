using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Intercom.Station.Lockout;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Station.Tests.Controller;

/// <summary>A door station on fake ports and a fake clock that starts at an odd date (hidden wall-clock use fails).</summary>
internal sealed class StationHarness : IDisposable
{
    private readonly TemporaryDirectory _directory;

    public StationHarness(StationOptions options, TemporaryDirectory? directory = null)
    {
        _directory = directory ?? new TemporaryDirectory();
        Options = options;
        Tamper = new TamperLockout(_directory.File("tamper-lockout"), options.TamperLockoutDuration, Time);
        Station = new DoorStation(options, Dialer, Feedback, Outputs, Journal, Tamper, Time, NullLogger<DoorStation>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2031, 2, 28, 23, 59, 7, TimeSpan.FromHours(3)));

    public StationOptions Options { get; }

    public FakeDialer Dialer { get; } = new();

    public FakeFeedback Feedback { get; } = new();

    public FakeOutputs Outputs { get; } = new("strike", "gate");

    public ListJournal Journal { get; } = new();

    public TamperLockout Tamper { get; }

    public DoorStation Station { get; }

    public TemporaryDirectory Directory => _directory;

    public static StationOptions Plan(CallPlanMode mode, params string[] targets) => new()
    {
        Buttons = [new ButtonOptions { Input = "door", Mode = mode, Targets = [.. targets.Select(target => new CallTargetOptions { Target = target, RingTime = TimeSpan.FromSeconds(10) })] }],
        DoorCodes = [new DoorCodeOptions { Relay = "strike", Code = "1234" }, new DoorCodeOptions { Relay = "gate", Code = "*9" }],
        ExitButtonRelay = "strike",
    };

    public void Dispose()
    {
        Station.Dispose();
        Tamper.Dispose();
        _directory.Dispose();
    }
}
