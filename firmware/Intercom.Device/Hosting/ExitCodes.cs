namespace Intercom.Device.Hosting;

/// <summary>Process exit codes (sysexits.h), so systemd's <c>RestartPreventExitStatus=</c> can tell them apart.</summary>
public static class ExitCodes
{
    /// <summary>Clean exit.</summary>
    public const int Success = 0;

    /// <summary>The command line is wrong (EX_USAGE).</summary>
    public const int Usage = 64;

    /// <summary>A needed device or library is missing (EX_UNAVAILABLE): no GPIO chip with the configured label.</summary>
    public const int Unavailable = 69;

    /// <summary>The host failed while running (EX_SOFTWARE).</summary>
    public const int Software = 70;

    /// <summary>The configuration file is bad (EX_CONFIG).</summary>
    public const int Configuration = 78;
}
