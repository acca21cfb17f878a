namespace Portal.Provisioning.Drivers;

/// <summary>
/// The drivers' idempotency records, shared by every node (one table for every driver). Each change is one
/// conditional statement, so two nodes racing on one key cannot both take it.
/// </summary>
public interface IDriverKeyStore
{
    Task<DriverKeyRecord?> FindAsync(string driver, string step, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the key for <paramref name="owner"/> until <paramref name="claimUntil"/>: records it as Acting when it is new,
    /// or takes it over when its last attempt failed, its claim ran out, or <paramref name="takeOverFrom"/> (an owner
    /// known to be gone) holds it. Returns the record as it stands afterwards: Acting by <paramref name="owner"/> when
    /// taken; Done with the result; or Acting by another owner whose claim still runs.
    /// </summary>
    Task<DriverKeyRecord> BeginAsync(
        DriverKeyRecord attempt, string owner, DateTimeOffset now, DateTimeOffset claimUntil, string? takeOverFrom, CancellationToken cancellationToken);

    /// <summary>Extends the owner's claim; false when the owner no longer holds the key.</summary>
    Task<bool> RenewAsync(string driver, string step, string key, string owner, DateTimeOffset claimUntil, CancellationToken cancellationToken);

    /// <summary>Records the result, if the owner still holds the key; false otherwise (another node took over).</summary>
    Task<bool> CompleteAsync(
        string driver, string step, string key, string owner, string? result, string detail, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records the failure, if the owner still holds the key: the next delivery acts again.</summary>
    Task FailAsync(string driver, string step, string key, string owner, string detail, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A driver's records, newest first, optionally of one machine.</summary>
    Task<IReadOnlyList<DriverKeyRecord>> ListAsync(string driver, string? machine, int take, CancellationToken cancellationToken);
}
