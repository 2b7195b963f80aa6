using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Interop.Tests.Sip;

/// <summary>
/// When the environment variable INTERCOM_SIP_TRACE is 1, writes our SIP log (with the trace on) to stderr
/// for debugging an interop failure; otherwise logs nothing.
/// </summary>
internal sealed class ConsoleTraceLoggerFactory : ILoggerFactory
{
    public static bool Enabled => Environment.GetEnvironmentVariable("INTERCOM_SIP_TRACE") == "1";

    public static ILoggerFactory Create() => Enabled ? new ConsoleTraceLoggerFactory() : NullLoggerFactory.Instance;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Console.Error.WriteLine($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
