using Microsoft.Extensions.Logging;

namespace Intercom.Tools.SoundCheck;

/// <summary>Prints the engine's log lines on the guest's serial console, so a failing check shows why.</summary>
internal sealed class ConsoleLogger<T> : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Console.WriteLine($"log {logLevel}: {formatter(state, exception)}");
        }
    }
}
