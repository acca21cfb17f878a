namespace Portal.Provisioning.Deployments;

/// <summary>The deployments' image-writer sessions in the portal database; every change is one conditional statement.</summary>
public interface IWriterSessionStore
{
    Task<WriterSession?> FindAsync(Guid deploymentId, CancellationToken cancellationToken);

    /// <summary>
    /// The session of the write with <paramref name="writeKey"/>: the stored one when it has that key, else a new one
    /// (replacing a session of an earlier write, whose late callbacks are then ignored).
    /// </summary>
    Task<WriterSession> BeginAsync(Guid deploymentId, string writeKey, CancellationToken cancellationToken);

    /// <summary>Records that boot <paramref name="boot"/> was sent at <paramref name="at"/> (kept if a later boot was recorded already).</summary>
    Task<WriterSession> BootedAsync(Guid deploymentId, string writeKey, int boot, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a callback: the first is kept, repeats are counted. Null when no session exists.</summary>
    Task<WriterSession?> RecordCallbackAsync(Guid deploymentId, DeploymentCallback callback, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Marks the session's callback taken by the deployment (or, <paramref name="timedOut"/>, the wait given up). Repeats change nothing.</summary>
    Task<WriterSession?> CloseAsync(Guid deploymentId, bool timedOut, DateTimeOffset at, CancellationToken cancellationToken);
}
