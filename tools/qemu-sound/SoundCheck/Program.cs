using Intercom.Tools.SoundCheck;

// Each check prints one line "SOUNDCHECK <name> PASS|FAIL <details>"; the last line sums up. The host-side test
// (Intercom.Audio.Tests, QemuSoundTests) reads these lines from the guest's serial console.
var checks = new (string Name, Func<(bool Passed, string Detail)> Run)[]
{
    ("paced_capture", Checks.PacedCapture),
    ("loopback", Checks.Loopback),
    ("overrun_recovery", Checks.OverrunRecovery),
    ("unplug_replug", Checks.UnplugAndReplug),
};

var failed = 0;
foreach (var (name, run) in checks)
{
    (bool Passed, string Detail) result;
    try
    {
        result = run();
    }
#pragma warning disable CA1031 // A check that throws is a failed check; the others still run.
    catch (Exception exception)
#pragma warning restore CA1031
    {
        result = (false, exception.ToString().ReplaceLineEndings(" | "));
    }

    failed += result.Passed ? 0 : 1;
    Console.WriteLine($"SOUNDCHECK {name} {(result.Passed ? "PASS" : "FAIL")} {result.Detail}");
}

Console.WriteLine($"SOUNDCHECK DONE passed={checks.Length - failed} failed={failed}");
return failed == 0 ? 0 : 1;
