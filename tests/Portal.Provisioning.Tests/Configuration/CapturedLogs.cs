using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Tests.Configuration;

/// <summary>
/// A logger factory that keeps everything logged, at every level: each formatted message and each structured
/// value, which is what a log sink would store.
/// </summary>
internal sealed class CapturedLogs : ILoggerFactory, ILogger
{
    private readonly List<string> entries = [];

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
            }
        }
    }

    public string All => string.Join("\n", Entries);

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : "";
        lock (entries)
        {
            entries.Add($"{logLevel}: {formatter(state, exception)} | {values} | {exception}");
        }
    }

    public void Dispose()
    {
    }
}
