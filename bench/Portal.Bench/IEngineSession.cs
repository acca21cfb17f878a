namespace Portal.Bench;

/// <summary>
/// One engine, fresh for one cell of the sweep (a new database file, a new WorkflowCore host), driven through the
/// same calls: every call returns the completion stamp of the instance it started or resumed.
/// </summary>
public interface IEngineSession : IAsyncDisposable
{
    /// <summary>Effects counted in the ledger so far.</summary>
    long Effects { get; }

    /// <summary>Starts an instance of the scenario's flow on caller <paramref name="lane"/> and waits until it is complete.</summary>
    Task<long> RunAsync(int lane, string scenario, CancellationToken cancellationToken);

    /// <summary>Starts an instance waiting for the signal "go" under each correlation id; returns once all are suspended (stored).</summary>
    Task SuspendAsync(IReadOnlyList<string> correlations, CancellationToken cancellationToken);

    /// <summary>Sends "go" for <paramref name="correlation"/> on caller <paramref name="lane"/> and waits until that instance is complete.</summary>
    Task<long> ResumeAsync(int lane, string correlation, CancellationToken cancellationToken);
}
