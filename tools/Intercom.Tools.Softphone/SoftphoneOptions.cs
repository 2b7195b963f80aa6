using System.Globalization;
using System.Net;

namespace Intercom.Tools.Softphone;

/// <summary>The demo resident phone's command line.</summary>
internal sealed class SoftphoneOptions
{
    public const string Usage = """
        softphone: a demo resident phone on our own SIP and media stack. It answers every call, plays a tone,
        sends the door code as DTMF after a moment and hangs up when the door station does (or after a timeout).

          softphone [--listen 127.0.0.1:15070] [--user resident] [--code 1234#] [--code-delay 2]
                    [--dtmf rfc4733|info] [--tone-hz 523] [--timeout 30] [--calls N]
                    [--registrar HOST:PORT --password PASSWORD]

          --listen      SIP address to listen on (UDP and TCP); loopback by default
          --user        user part of the phone's address (and of the account when registering)
          --code        digits sent after answering; empty sends none
          --code-delay  seconds between the answer and the first digit
          --dtmf        RFC 4733 telephone-events in RTP (default) or SIP INFO (application/dtmf-relay)
          --timeout     seconds after which the phone hangs up by itself
          --calls       exit after this many calls (default: run until Ctrl+C)
          --registrar   register at this registrar instead of waiting for direct calls
        """;

    public IPEndPoint Listen { get; private set; } = new(IPAddress.Loopback, 15070);

    public string User { get; private set; } = "resident";

    public string Code { get; private set; } = "1234#";

    public TimeSpan CodeDelay { get; private set; } = TimeSpan.FromSeconds(2);

    public bool DtmfByInfo { get; private set; }

    public double ToneHz { get; private set; } = 523.25;

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(30);

    public int Calls { get; private set; }

    public string? Registrar { get; private set; }

    public string? Password { get; private set; }

    public static SoftphoneOptions? Parse(string[] args, out string? error)
    {
        var options = new SoftphoneOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                error = "";
                return null;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value";
                return null;
            }

            var value = args[++i];
            var ok = name switch
            {
                "--listen" => IPEndPoint.TryParse(value, out var listen) && (options.Listen = listen) is not null,
                "--user" => (options.User = value).Length > 0,
                "--code" => (options.Code = value) is not null,
                "--code-delay" => TrySeconds(value, out var delay) && (options.CodeDelay = delay) >= TimeSpan.Zero,
                "--dtmf" => value is "rfc4733" or "info" && ((options.DtmfByInfo = value == "info") || true),
                "--tone-hz" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var hz) && (options.ToneHz = hz) > 0,
                "--timeout" => TrySeconds(value, out var timeout) && (options.Timeout = timeout) > TimeSpan.Zero,
                "--calls" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var calls) && (options.Calls = calls) >= 0,
                "--registrar" => (options.Registrar = value).Length > 0,
                "--password" => (options.Password = value).Length > 0,
                _ => false,
            };
            if (!ok)
            {
                error = $"bad option {name} {value}";
                return null;
            }
        }

        if (options.Registrar is not null && options.Password is null)
        {
            error = "--registrar needs --password";
            return null;
        }

        return options;
    }

    private static bool TrySeconds(string text, out TimeSpan value)
    {
        var ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < 86400;
        value = ok ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        return ok;
    }
}
