namespace Intercom.Audio.Tests;

/// <summary>Polls a condition with a deadline (no sleeps): the audio thread runs on its own.</summary>
internal static class Eventually
{
    public static void True(Func<bool> condition, string because, double seconds = 10)
    {
        Assert.True(SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(seconds)), because);
    }
}
