using Intercom.Sip.UserAgent;
using Intercom.Tools.Softphone;
using Microsoft.Extensions.Logging.Abstractions;

// softphone: the demo resident phone (README "Run the intercom on a laptop"). See SoftphoneOptions.Usage.
var options = SoftphoneOptions.Parse(args, out var error);
if (options is null)
{
    await Console.Error.WriteLineAsync((error is { Length: > 0 } ? $"softphone: {error}\n" : "") + SoftphoneOptions.Usage).ConfigureAwait(false);
    return error is { Length: > 0 } ? 64 : 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var phone = new ResidentPhone(options, NullLoggerFactory.Instance);
await using var agent = new SipUserAgent(phone.AgentOptions(), TimeProvider.System, NullLoggerFactory.Instance);
agent.InboundPolicy = static _ => SipInboundDecision.Allow;
await agent.StartAsync(cancel.Token).ConfigureAwait(false);
Console.WriteLine($"softphone: {options.User} listening on {agent.UdpEndPoint} (UDP/TCP){(options.Registrar is null ? "" : $", registering at {options.Registrar}")}");
var calls = 0;
try
{
    await foreach (var call in agent.IncomingCalls.ReadAllAsync(cancel.Token).ConfigureAwait(false))
    {
        await phone.HandleAsync(call, cancel.Token).ConfigureAwait(false);
        if (options.Calls > 0 && ++calls >= options.Calls)
        {
            break;
        }
    }
}
catch (OperationCanceledException)
{
    // Ctrl+C.
}

return 0;
