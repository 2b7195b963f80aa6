using System.Globalization;
using Intercom.Station.Configuration;

namespace Intercom.Device.Hosting;

/// <summary>The parsed command line of <c>intercom</c>.</summary>
public sealed class CommandLine
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Usage: intercom [--config PATH] [--http-port PORT] [--outputs-safe | --check-config]
          --config PATH      configuration file (default /etc/intercom/intercom.json)
          --http-port PORT   listen on this port instead of http.port (0 = any free port)
          --outputs-safe     drive every relay and LED to its off level and exit (systemd ExecStartPre/ExecStopPost)
          --check-config     validate the configuration file and exit
        """;

    /// <summary>The configuration file.</summary>
    public string ConfigurationPath { get; private init; } = ConfigurationFile.DefaultPath;

    /// <summary>Overrides <c>http.port</c> when set.</summary>
    public int? HttpPort { get; private init; }

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
        int? port = null;
        bool outputsSafe = false, check = false, help = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--config" when i + 1 < arguments.Count:
                    path = arguments[++i];
                    break;
                case "--http-port" when i + 1 < arguments.Count:
                    if (!int.TryParse(arguments[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed > 65535)
                    {
                        error = $"--http-port: \"{arguments[i]}\" is not a TCP port (0-65535)";
                        return null;
                    }

                    port = parsed;
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
        return new CommandLine { ConfigurationPath = path, HttpPort = port, OutputsSafe = outputsSafe, CheckConfiguration = check, Help = help };
    }
}
