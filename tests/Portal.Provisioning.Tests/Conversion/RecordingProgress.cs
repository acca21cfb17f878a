namespace Portal.Provisioning.Tests.Conversion;

/// <summary>
/// Records reports on the reporting thread. <see cref="Progress{T}"/> would post them to the thread pool, so some
/// could arrive after the awaited conversion returned and the test would read a list still being written.
/// </summary>
internal sealed class RecordingProgress(Action<double>? onReport = null) : IProgress<double>
{
    private readonly List<double> reports = [];

    public IReadOnlyList<double> Reports
    {
        get
        {
            lock (reports)
            {
                return [.. reports];
            }
        }
    }

    public void Report(double value)
    {
        lock (reports)
        {
            reports.Add(value);
        }

        onReport?.Invoke(value);
    }
}
