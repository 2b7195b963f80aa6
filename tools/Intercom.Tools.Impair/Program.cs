using System.Globalization;
using System.Net;
using Intercom.Tools.Impair;

// impair --listen 127.0.0.1[:PORT] --to 127.0.0.1:5004 --forward loss=0.05,jitter=40ms [--backward ...] [--seed 1] [--seconds N]
string listen = "127.0.0.1";
string? to = null;
string forwardText = "";
string backwardText = "";
int seed = 1;
double seconds = 0;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--listen": listen = args[i + 1]; break;
        case "--to": to = args[i + 1]; break;
        case "--forward": forwardText = args[i + 1]; break;
        case "--backward": backwardText = args[i + 1]; break;
        case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}");
            return 2;
    }
}

// --listen takes an address (ephemeral port) or an address and port, e.g. the one a device advertises in SDP.
if (to is null || !IPEndPoint.TryParse(to, out IPEndPoint? target) || !IPEndPoint.TryParse(listen, out IPEndPoint? front))
{
    Console.Error.WriteLine("usage: impair --listen ADDRESS[:PORT] --to ADDRESS:PORT --forward PROFILE [--backward PROFILE] [--seed N] [--seconds N]");
    Console.Error.WriteLine("PROFILE: loss=0.05,jitter=40ms,delay=10ms,reorder=0.01,duplicate=0.01,outage=10s+2s");
    return 2;
}

if (!ImpairmentProfile.TryParse(forwardText, out ImpairmentProfile forward, out string error)
    || !ImpairmentProfile.TryParse(backwardText, out ImpairmentProfile backward, out error))
{
    Console.Error.WriteLine(error);
    return 2;
}

using var relay = new ImpairmentRelay(front, target, forward, backward, seed);
Console.WriteLine($"relaying {relay.FrontEndPoint} -> {target} (replies from {relay.BackEndPoint}); press Ctrl+C to stop");
using var done = new ManualResetEventSlim();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    done.Set();
};
done.Wait(seconds > 0 ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan);
Console.WriteLine($"forward: {relay.Forward}");
Console.WriteLine($"backward: {relay.Backward}");
return 0;
