namespace Intercom.Audio.Tests.Qemu;

/// <summary>The emulated guest wants a host core to itself: nothing else in this assembly runs beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QemuGuestGroup
{
    public const string Name = "qemu";
}
