using Intercom.Station.Configuration;
using Intercom.Hardware.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Station.Tests;

public sealed class ConfigurationStoreTests
{
    private static (ConfigurationStore Store, string Path, TemporaryDirectory Directory) Create()
    {
        var directory = new TemporaryDirectory();
        var path = directory.File("intercom.json");
        File.Copy(RepositoryPaths.DemoConfiguration, path);
        var initial = ConfigurationFile.Load(path).Options!;
        return (new ConfigurationStore(path, initial, NullLogger<ConfigurationStore>.Instance), path, directory);
    }

    private static IntercomOptions WithStrikePulse(IntercomOptions options, TimeSpan pulse)
    {
        var relays = options.Hardware.Relays.Select(r => r.Name == "strike"
            ? new RelayOptions { Name = r.Name, Channel = r.Channel, PulseDuration = pulse, MaximumOnTime = r.MaximumOnTime }
            : r).ToArray();
        return new IntercomOptions
        {
            Audio = options.Audio,
            Web = options.Web,
            Security = options.Security,
            Storage = options.Storage,
            Hardware = new HardwareOptions { Gpio = options.Hardware.Gpio, Board = options.Hardware.Board, Inputs = options.Hardware.Inputs, Relays = relays, Leds = options.Hardware.Leds },
        };
    }

    [Fact]
    public void WithSecurity_EverySection_IsKeptExceptSecurity()
    {
        // A password or token change once rebuilt the tree by hand and dropped the sip, media and station sections.
        var options = ConfigurationFile.Load(RepositoryPaths.DemoConfiguration).Options!;
        var security = new SecurityOptions { AdminPasswordHash = "hash" };

        var changed = options.WithSecurity(security);

        foreach (var property in typeof(IntercomOptions).GetProperties())
        {
            var expected = property.Name == nameof(IntercomOptions.Security) ? security : property.GetValue(options);
            Assert.Same(expected, property.GetValue(changed));
        }

        Assert.NotEmpty(changed.Station.Buttons);
    }

    [Fact]
    public void TryApply_BadChange_IsRejectedAndRunningConfigurationAndFileStay()
    {
        var (store, path, directory) = Create();
        using var _ = directory;
        var before = store.Current;
        var fileBefore = File.ReadAllBytes(path);
        var changed = 0;
        store.Changed += (_, _) => changed++;

        var result = store.TryApply(WithStrikePulse(before, TimeSpan.FromMinutes(5)));

        Assert.False(result.Applied);
        Assert.StartsWith("hardware.relays[0].pulseDuration:", Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.Same(before, store.Current);
        Assert.Equal(fileBefore, File.ReadAllBytes(path));
        Assert.Equal(0, changed);
    }

    [Fact]
    public void TryApply_GoodChange_IsSavedWithMode0600AndApplied()
    {
        var (store, path, directory) = Create();
        using var _ = directory;
        var before = store.Current;
        ConfigurationChangedEventArgs? seen = null;
        store.Changed += (_, args) => seen = args;

        var result = store.TryApply(WithStrikePulse(before, TimeSpan.FromSeconds(5)));

        Assert.True(result.Applied);
        Assert.Equal(TimeSpan.FromSeconds(5), store.Current.Hardware.Relays[0].PulseDuration);
        Assert.Equal(TimeSpan.FromSeconds(5), ConfigurationFile.Load(path).Options!.Hardware.Relays[0].PulseDuration);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Same(before, seen!.Previous);
        Assert.Same(store.Current, seen.Current);
    }

    [Fact]
    public void TryApply_SaveFails_IsRejectedAndRunningConfigurationStays()
    {
        var (store, path, directory) = Create();
        using var _ = directory;
        var before = store.Current;
        File.Delete(path);
        Directory.CreateDirectory(path);

        var result = store.TryApply(WithStrikePulse(before, TimeSpan.FromSeconds(5)));

        Assert.False(result.Applied);
        Assert.Contains("cannot save", Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.Same(before, store.Current);
    }
}
