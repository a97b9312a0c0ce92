using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NetDashboard.Docker.Tests;

/// <summary>Keeps every formatted entry an observer logs, with its level, for tests of what the log says.</summary>
internal sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception) + (exception is null ? "" : " || " + exception)));
}
