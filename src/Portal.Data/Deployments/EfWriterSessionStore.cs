using Microsoft.EntityFrameworkCore;
using Portal.Provisioning.Deployments;

namespace Portal.Data.Deployments;

/// <summary>
/// The deployments' image-writer sessions on the portal database. The first callback is kept by a conditional UPDATE
/// (only a session without one takes it), so two callbacks racing through two nodes record one outcome.
/// </summary>
public sealed class EfWriterSessionStore(PortalDbContext db) : IWriterSessionStore
{
    private const int Attempts = 10;
    private const int MessageLength = 2000;

    public async Task<WriterSession?> FindAsync(Guid deploymentId, CancellationToken cancellationToken) =>
        await db.Set<WriterSessionRecord>().AsNoTracking().FirstOrDefaultAsync(s => s.DeploymentId == deploymentId, cancellationToken) is { } record
            ? Read(record)
            : null;

    public async Task<WriterSession> BeginAsync(Guid deploymentId, string writeKey, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var record = await db.Set<WriterSessionRecord>().FirstOrDefaultAsync(s => s.DeploymentId == deploymentId, cancellationToken);
            if (record is { } same && same.WriteKey == writeKey)
            {
                db.ChangeTracker.Clear();
                return Read(same);
            }

            if (record is null)
            {
                record = new WriterSessionRecord { DeploymentId = deploymentId };
                db.Set<WriterSessionRecord>().Add(record);
            }

            // A new write (the deployment runs again from the start): what the earlier writer said no longer counts.
            record.WriteKey = writeKey;
            record.Boots = 0;
            record.BootedAt = null;
            record.CallbackSucceeded = null;
            record.CallbackMessage = null;
            record.CallbackDiskLocation = null;
            record.CalledBackAt = null;
            record.Callbacks = 0;
            record.ConsumedAt = null;
            record.TimedOutAt = null;
            record.Revision = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return Read(record);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another node began (or changed) the session meanwhile: look again.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<WriterSession> BootedAsync(Guid deploymentId, string writeKey, int boot, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await Session(deploymentId).Where(s => s.WriteKey == writeKey && s.Boots <= boot)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Boots, boot).SetProperty(s => s.BootedAt, at).SetProperty(s => s.Revision, Guid.NewGuid()), cancellationToken);
        return await FindAsync(deploymentId, cancellationToken) ?? throw new InvalidOperationException($"The writer session of deployment {deploymentId} vanished.");
    }

    public async Task<WriterSession?> RecordCallbackAsync(Guid deploymentId, DeploymentCallback callback, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var message = callback.Message is { Length: > MessageLength } text ? text[..MessageLength] : callback.Message;
        // The first callback is taken by the session that has none; a repeat only counts.
        var first = await Session(deploymentId).Where(s => s.CalledBackAt == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.CallbackSucceeded, callback.Succeeded).SetProperty(s => s.CallbackMessage, message)
                .SetProperty(s => s.CallbackDiskLocation, callback.DiskLocation).SetProperty(s => s.CalledBackAt, at)
                .SetProperty(s => s.Callbacks, s => s.Callbacks + 1).SetProperty(s => s.Revision, Guid.NewGuid()), cancellationToken);
        if (first == 0)
        {
            await Session(deploymentId).ExecuteUpdateAsync(set => set.SetProperty(s => s.Callbacks, s => s.Callbacks + 1), cancellationToken);
        }

        return await FindAsync(deploymentId, cancellationToken);
    }

    public async Task<WriterSession?> CloseAsync(Guid deploymentId, bool timedOut, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var open = Session(deploymentId).Where(s => s.ConsumedAt == null && s.TimedOutAt == null);
        await (timedOut
            ? open.ExecuteUpdateAsync(set => set.SetProperty(s => s.TimedOutAt, at).SetProperty(s => s.Revision, Guid.NewGuid()), cancellationToken)
            : open.ExecuteUpdateAsync(set => set.SetProperty(s => s.ConsumedAt, at).SetProperty(s => s.Revision, Guid.NewGuid()), cancellationToken));
        return await FindAsync(deploymentId, cancellationToken);
    }

    private IQueryable<WriterSessionRecord> Session(Guid deploymentId) => db.Set<WriterSessionRecord>().Where(s => s.DeploymentId == deploymentId);

    private static WriterSession Read(WriterSessionRecord record) => new()
    {
        DeploymentId = record.DeploymentId,
        WriteKey = record.WriteKey,
        Boots = record.Boots,
        BootedAt = record.BootedAt,
        Callback = record.CalledBackAt is null ? null : new DeploymentCallback(record.CallbackSucceeded == true, record.CallbackMessage, record.CallbackDiskLocation),
        CalledBackAt = record.CalledBackAt,
        Callbacks = record.Callbacks,
        ConsumedAt = record.ConsumedAt,
        TimedOutAt = record.TimedOutAt,
    };
}
