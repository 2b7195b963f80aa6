using System.Globalization;
using Intercom.Station.Configuration;

namespace Intercom.Device.Hosting;

/// <summary>The parsed command line of <c>intercom</c>.</summary>
public sealed class CommandLine
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Usage: intercom [--config PATH] [--http-port PORT] [--https-port PORT] [--outputs-safe | --check-config]
          --config PATH      configuration file (default /etc/intercom/intercom.json)
          --http-port PORT   plain HTTP (redirects to HTTPS) on this port instead of web.httpPort (0 = any free port)
          --https-port PORT  the web page and API on this port instead of web.httpsPort (0 = any free port)
          --outputs-safe     drive every relay and LED to its off level and exit (systemd ExecStartPre/ExecStopPost)
          --check-config     validate the configuration file and exit
        """;

    /// <summary>The configuration file.</summary>
    public string ConfigurationPath { get; private init; } = ConfigurationFile.DefaultPath;

    /// <summary>Overrides <c>web.httpPort</c> when set.</summary>
    public int? HttpPort { get; private init; }

    /// <summary>Overrides <c>web.httpsPort</c> when set.</summary>
    public int? HttpsPort { get; private init; }

    /// <summary>Drive every output off and exit.</summary>
    public bool OutputsSafe { get; private init; }

    /// <summary>Validate the configuration and exit.</summary>
    public bool CheckConfiguration { get; private init; }

    /// <summary>Print usage and exit.</summary>
    public bool Help { get; private init; }

    /// <summary>Parses <paramref name="arguments"/>; null with <paramref name="error"/> set when they are wrong.</summary>
    public static CommandLine? Parse(IReadOnlyList<string> arguments, out string? error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string path = ConfigurationFile.DefaultPath;
        int? port = null, httpsPort = null;
        bool outputsSafe = false, check = false, help = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--config" when i + 1 < arguments.Count:
                    path = arguments[++i];
                    break;
                case "--http-port" or "--https-port" when i + 1 < arguments.Count:
                    var option = arguments[i];
                    if (!int.TryParse(arguments[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed > 65535)
                    {
                        error = $"{option}: \"{arguments[i]}\" is not a TCP port (0-65535)";
                        return null;
                    }

                    if (option == "--http-port")
                    {
                        port = parsed;
                    }
                    else
                    {
                        httpsPort = parsed;
                    }

                    break;
                case "--outputs-safe":
                    outputsSafe = true;
                    break;
                case "--check-config":
                    check = true;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                default:
                    error = $"unknown or incomplete argument \"{arguments[i]}\"";
                    return null;
            }
        }

        if (outputsSafe && check)
        {
            error = "--outputs-safe and --check-config exclude each other";
            return null;
        }

        error = null;
        return new CommandLine { ConfigurationPath = path, HttpPort = port, HttpsPort = httpsPort, OutputsSafe = outputsSafe, CheckConfiguration = check, Help = help };
    }
}
