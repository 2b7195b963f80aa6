using Microsoft.Extensions.Logging;

namespace Intercom.Station.Controller;

/// <summary>
/// Runs the door station's state machine one action at a time. The thread that posts into an idle loop runs the
/// queue itself until it is empty (no thread of its own, no context switch on the DTMF-to-relay path); a post while
/// another thread is running only queues. Actions never run re-entrantly, so a port that reports back while it is
/// being called is handled after the current action. An action's exception is our bug: logged, counted, the loop goes on.
/// </summary>
internal sealed class StationLoop
{
    private readonly Lock _gate = new();
    private readonly Queue<Action> _queue = new();
    private readonly ILogger _logger;
    private bool _running;

    public StationLoop(ILogger logger) => _logger = logger;

    public long Failures { get; private set; }

    public void Post(Action action)
    {
        lock (_gate)
        {
            _queue.Enqueue(action);
            if (_running)
            {
                return;
            }

            _running = true;
        }

        while (true)
        {
            Action next;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out next!))
                {
                    _running = false;
                    return;
                }
            }

            try
            {
                next();
            }
#pragma warning disable CA1031 // STYLE.md: every loop catches, logs and goes on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Failures++;
                StationLog.LoopActionFailed(_logger, exception);
            }
        }
    }
}
