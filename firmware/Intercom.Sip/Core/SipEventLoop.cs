using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Intercom.Sip.Core;

/// <summary>
/// The single loop of one stack instance: every state machine (transactions, dialogs, registrations) runs here,
/// one work item at a time, so they need no locks. Work is posted from sockets, timers and API calls.
/// </summary>
internal sealed partial class SipEventLoop : IAsyncDisposable
{
    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private readonly bool _inline;
    private readonly Task _runner;
    private int _loopThreadId = -1;

    /// <summary>Creates a loop. An inline loop runs work at once on the caller (for tests on a fake clock).</summary>
    public SipEventLoop(ILogger logger, bool inline = false)
    {
        _logger = logger;
        _inline = inline;
        _runner = inline ? Task.CompletedTask : Task.Run(RunAsync);
    }

    /// <summary>True when the caller is on the loop (or the loop is inline).</summary>
    public bool IsOnLoop => _inline || Environment.CurrentManagedThreadId == _loopThreadId;

    /// <summary>Queues work; it runs after everything queued before it.</summary>
    public void Post(Action work)
    {
        if (_inline)
        {
            Execute(work);
            return;
        }

        _work.Writer.TryWrite(work);
    }

    /// <summary>Runs a function on the loop and returns its result.</summary>
    public Task<T> InvokeAsync<T>(Func<T> function)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                completion.TrySetResult(function());
            }
#pragma warning disable CA1031 // The exception is handed to the caller.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                completion.TrySetException(ex);
            }
        });
        return completion.Task;
    }

    /// <summary>Runs an action on the loop.</summary>
    public Task InvokeAsync(Action action) => InvokeAsync(() =>
    {
        action();
        return true;
    });

    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        await _runner.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        _loopThreadId = Environment.CurrentManagedThreadId;
        while (await _work.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            _loopThreadId = Environment.CurrentManagedThreadId;
            while (_work.Reader.TryRead(out Action? work))
            {
                Execute(work);
            }
        }
    }

    private void Execute(Action work)
    {
        try
        {
            work();
        }
#pragma warning disable CA1031 // The loop must survive our own bugs: log and go on (STYLE.md habit 5).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogWorkFailed(ex);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "SIP loop work item failed")]
    private partial void LogWorkFailed(Exception exception);
}
