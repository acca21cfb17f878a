using Microsoft.EntityFrameworkCore;
using Portal.Provisioning.Drivers;

namespace Portal.Data.Drivers;

/// <summary>
/// The drivers' key records on the portal database. Taking a key is an INSERT, or a conditional UPDATE of a record
/// whose attempt failed or whose claim ran out; every later change is conditional on the owner, so a node that lost
/// its key to a takeover cannot overwrite the new owner's outcome.
/// </summary>
public sealed class EfDriverKeyStore(PortalDbContext db) : IDriverKeyStore
{
    private const int DetailLength = 2000;

    public async Task<DriverKeyRecord?> FindAsync(string driver, string step, string key, CancellationToken cancellationToken) =>
        (await Rows(driver, step, key).AsNoTracking().FirstOrDefaultAsync(cancellationToken))?.ToRecord();

    public async Task<DriverKeyRecord> BeginAsync(
        DriverKeyRecord attempt, string owner, DateTimeOffset now, DateTimeOffset claimUntil, string? takeOverFrom, CancellationToken cancellationToken)
    {
        if (!await Rows(attempt.Driver, attempt.Step, attempt.Key).AnyAsync(cancellationToken))
        {
            db.Set<DriverKeyRow>().Add(new DriverKeyRow
            {
                Id = Guid.NewGuid(), Driver = attempt.Driver, Step = attempt.Step, Key = attempt.Key, Machine = attempt.Machine, Request = attempt.Request,
                State = DriverKeyState.Acting, Node = attempt.Node, Owner = owner, StartedAt = now, ClaimedUntil = claimUntil, Attempts = 1,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node recorded the key first: see below what it holds.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        // A failed attempt, one whose claim ran out, or one known to be gone is taken over — by one node only: the UPDATE decides.
        await Rows(attempt.Driver, attempt.Step, attempt.Key)
            .Where(r => r.Owner != owner
                && (r.State == DriverKeyState.Failed || (r.State == DriverKeyState.Acting && (r.ClaimedUntil < now || r.Owner == takeOverFrom))))
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.State, DriverKeyState.Acting).SetProperty(r => r.Owner, owner).SetProperty(r => r.Node, attempt.Node)
                .SetProperty(r => r.ClaimedUntil, claimUntil).SetProperty(r => r.Attempts, r => r.Attempts + 1).SetProperty(r => r.Request, attempt.Request),
                cancellationToken);
        return await FindAsync(attempt.Driver, attempt.Step, attempt.Key, cancellationToken)
            ?? throw new InvalidOperationException($"The key record {attempt.Driver} {attempt.Step} {attempt.Key} vanished.");
    }

    public async Task<bool> RenewAsync(string driver, string step, string key, string owner, DateTimeOffset claimUntil, CancellationToken cancellationToken) =>
        await Rows(driver, step, key).Where(r => r.Owner == owner && r.State == DriverKeyState.Acting)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ClaimedUntil, claimUntil), cancellationToken) == 1;

    public async Task<bool> CompleteAsync(
        string driver, string step, string key, string owner, string? result, string detail, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Rows(driver, step, key).Where(r => r.Owner == owner && r.State == DriverKeyState.Acting)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.State, DriverKeyState.Done).SetProperty(r => r.Result, result).SetProperty(r => r.Detail, Cut(detail))
                .SetProperty(r => r.CompletedAt, at).SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), cancellationToken) == 1;

    public async Task FailAsync(string driver, string step, string key, string owner, string detail, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Rows(driver, step, key).Where(r => r.Owner == owner && r.State == DriverKeyState.Acting)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.State, DriverKeyState.Failed).SetProperty(r => r.Detail, Cut(detail))
                .SetProperty(r => r.CompletedAt, at).SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);

    public async Task<IReadOnlyList<DriverKeyRecord>> ListAsync(string driver, string? machine, int take, CancellationToken cancellationToken)
    {
        var rows = db.Set<DriverKeyRow>().AsNoTracking().Where(r => r.Driver == driver);
        if (machine is not null)
        {
            rows = rows.Where(r => r.Machine == machine);
        }

        return (await rows.OrderByDescending(r => r.StartedAt).Take(take).ToListAsync(cancellationToken)).Select(r => r.ToRecord()).ToList();
    }

    internal static string Cut(string text) => text.Length <= DetailLength ? text : text[..DetailLength];

    private IQueryable<DriverKeyRow> Rows(string driver, string step, string key) =>
        db.Set<DriverKeyRow>().Where(r => r.Driver == driver && r.Step == step && r.Key == key);
}
