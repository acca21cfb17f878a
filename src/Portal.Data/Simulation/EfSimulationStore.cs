using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Drivers;
using Portal.Data.Library;
using Portal.Domain.Library;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Simulation;

namespace Portal.Data.Simulation;

/// <summary>
/// The simulated datacenter on the portal database. An act is one SaveChanges, so one transaction: the key's record
/// (its unique index decides a race), the machine (its revision decides a concurrent change), the artifact, the
/// writer and the log entry are written together or not at all.
/// </summary>
public sealed class EfSimulationStore(PortalDbContext db) : ISimulationStore
{
    public async Task<DriverKeyRecord?> FindKeyAsync(string step, string key, CancellationToken cancellationToken) =>
        (await db.Set<DriverKeyRow>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.Driver == DriverNames.Simulated && r.Step == step && r.Key == key, cancellationToken))?.ToRecord();

    public async Task<SimulatedMachine?> FindMachineAsync(string name, CancellationToken cancellationToken) =>
        await db.Set<SimulatedMachineRecord>().AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, cancellationToken) is { } record ? Read(record) : null;

    public async Task<IReadOnlyList<SimulatedMachine>> MachinesAsync(CancellationToken cancellationToken) =>
        (await db.Set<SimulatedMachineRecord>().AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken)).Select(Read).ToList();

    public async Task<SimulatedCommit> CommitAsync(SimulatedAct act, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var operation = act.Operation;
        if (operation.Key is { } key && act.Result is not null)
        {
            db.Set<DriverKeyRow>().Add(new DriverKeyRow
            {
                Id = Guid.NewGuid(), Driver = DriverNames.Simulated, Step = operation.Step, Key = key, Machine = operation.Machine, Result = act.Result,
                State = DriverKeyState.Done, Detail = EfDriverKeyStore.Cut(operation.Detail), Node = operation.Node, Owner = operation.Node,
                StartedAt = operation.At, CompletedAt = operation.At, Attempts = 1,
            });
        }

        if (act.Artifact is { } artifact)
        {
            db.Set<SimulatedArtifactRecord>().Add(new SimulatedArtifactRecord
            {
                Id = artifact.Id, ImageId = artifact.ImageId, ConvertedFrom = artifact.ConvertedFrom, Location = artifact.Location.ToString(),
                Format = artifact.Format, Sha256 = artifact.Sha256, CreatedAt = artifact.CreatedAt,
            });
        }

        if (act.Writer is { } writer)
        {
            db.Set<SimulatedWriterRecord>().Add(Write(new SimulatedWriterRecord { Id = writer.Id }, writer));
        }

        await StageAsync(act, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return SimulatedCommit.Committed;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SimulatedCommit.MachineChanged;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (operation.Key is not null && act.Result is not null && await FindKeyAsync(operation.Step, operation.Key, cancellationToken) is not null)
            {
                return SimulatedCommit.KeyTaken;
            }

            if (act.Machine is { Revision: var revision } && revision == Guid.Empty)
            {
                // Another act created the machine meanwhile.
                return SimulatedCommit.MachineChanged;
            }

            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public async Task LogAsync(SimulatedOperation operation, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.Set<SimulatedOperationRecord>().Add(Write(operation));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public async Task<IReadOnlyList<SimulatedOperation>> OperationsAsync(string? machine, CancellationToken cancellationToken)
    {
        var rows = db.Set<SimulatedOperationRecord>().AsNoTracking();
        if (machine is not null)
        {
            rows = rows.Where(o => o.Machine == machine);
        }

        return (await rows.OrderBy(o => o.Id).ToListAsync(cancellationToken))
            .Select(o => new SimulatedOperation(o.Step, o.Machine, o.Key, o.Succeeded, o.Detail) { Redelivered = o.Redelivered, Node = o.Node, At = o.At })
            .ToList();
    }

    public async Task<IReadOnlyList<SimulatedWriterJob>> ClaimDueWritersAsync(
        string node, DateTimeOffset now, DateTimeOffset claimUntil, int max, CancellationToken cancellationToken)
    {
        var candidates = await Unfinished().AsNoTracking()
            .Where(w => w.DueAt <= now && (w.ClaimedUntil == null || w.ClaimedUntil < now))
            .OrderBy(w => w.DueAt).Select(w => w.Id).Take(max).ToListAsync(cancellationToken);
        var claimed = new List<SimulatedWriterJob>();
        foreach (var id in candidates)
        {
            // One conditional UPDATE per writer: of two nodes claiming it at once, one changes the row.
            var won = await Unfinished().Where(w => w.Id == id && (w.ClaimedUntil == null || w.ClaimedUntil < now))
                .ExecuteUpdateAsync(set => set.SetProperty(w => w.ClaimedBy, node).SetProperty(w => w.ClaimedUntil, claimUntil)
                    .SetProperty(w => w.Revision, Guid.NewGuid()), cancellationToken);
            if (won == 1 && await db.Set<SimulatedWriterRecord>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken) is { } record)
            {
                claimed.Add(Read(record));
            }
        }

        return claimed;
    }

    public async Task<bool> UpdateWriterAsync(SimulatedWriterJob held, SimulatedWriterJob next, SimulatedAct? act, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var record = await db.Set<SimulatedWriterRecord>().FirstOrDefaultAsync(w => w.Id == held.Id, cancellationToken);
        if (record is null || record.ClaimedBy != held.ClaimedBy || record.State != held.State)
        {
            db.ChangeTracker.Clear();
            return false;
        }

        Write(record, next);
        record.Revision = Guid.NewGuid();
        if (act is not null)
        {
            await StageAsync(act, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public async Task<DateTimeOffset?> NextWriterDueAsync(CancellationToken cancellationToken)
    {
        // A writer held by another node is due for this one only once that node's claim runs out.
        var times = await Unfinished().AsNoTracking().Select(w => new { w.DueAt, w.ClaimedUntil }).ToListAsync(cancellationToken);
        return times.Count == 0 ? null : times.Min(t => t.ClaimedUntil is { } until && until > t.DueAt ? until : t.DueAt);
    }

    public async Task<IReadOnlyList<SimulatedWriterJob>> WritersAsync(Guid deploymentId, CancellationToken cancellationToken) =>
        (await db.Set<SimulatedWriterRecord>().AsNoTracking().Where(w => w.DeploymentId == deploymentId).ToListAsync(cancellationToken))
            .OrderBy(w => w.BootedAt).Select(Read).ToList();

    /// <summary>Adds an act's machine change and log entry to the unit of work.</summary>
    private async Task StageAsync(SimulatedAct act, CancellationToken cancellationToken)
    {
        if (act.Machine is { } machine)
        {
            if (machine.Revision == Guid.Empty)
            {
                db.Set<SimulatedMachineRecord>().Add(Write(new SimulatedMachineRecord { Name = machine.Name }, machine, act.Operation));
            }
            else
            {
                // Written over the revision it was read at: a machine changed meanwhile fails the whole act.
                var record = new SimulatedMachineRecord { Name = machine.Name, Revision = machine.Revision };
                db.Set<SimulatedMachineRecord>().Attach(record);
                Write(record, machine, act.Operation);
                // Every column is written (a value equal to the attached default would otherwise be skipped); the
                // revision's original value stays the one read, and the UPDATE is conditional on it.
                db.Entry(record).State = EntityState.Modified;
            }
        }

        if (act.RemovedMachine is { } removed
            && await db.Set<SimulatedMachineRecord>().FirstOrDefaultAsync(m => m.Name == removed, cancellationToken) is { } gone)
        {
            db.Set<SimulatedMachineRecord>().Remove(gone);
        }

        db.Set<SimulatedOperationRecord>().Add(Write(act.Operation));
    }

    private IQueryable<SimulatedWriterRecord> Unfinished() =>
        db.Set<SimulatedWriterRecord>().Where(w => w.State == SimulatedWriterState.Writing || w.State == SimulatedWriterState.CallingBack);

    private static SimulatedMachineRecord Write(SimulatedMachineRecord record, SimulatedMachine machine, SimulatedOperation by)
    {
        record.Kind = machine.Kind;
        record.Host = machine.Host;
        record.Hardware = machine.Hardware is null ? null : JsonSerializer.Serialize(machine.Hardware, LibraryJson.Options);
        record.DiskLocation = machine.DiskLocation;
        record.DiskFormat = machine.DiskFormat;
        record.WrittenArtifact = machine.WrittenArtifact;
        record.WrittenSha256 = machine.WrittenSha256;
        record.Configured = machine.Configured;
        record.PoweredOn = machine.PoweredOn;
        record.LastPowerAction = machine.LastPowerAction;
        record.UpdatedAt = by.At;
        record.UpdatedBy = by.Node;
        record.Revision = Guid.NewGuid();
        return record;
    }

    private static SimulatedMachine Read(SimulatedMachineRecord record) => new(
        record.Name, record.Hardware is null ? null : JsonSerializer.Deserialize<HardwareConfiguration>(record.Hardware, LibraryJson.Options),
        record.DiskLocation, record.DiskFormat)
    {
        Kind = record.Kind, Host = record.Host, WrittenArtifact = record.WrittenArtifact, WrittenSha256 = record.WrittenSha256,
        Configured = record.Configured, PoweredOn = record.PoweredOn, LastPowerAction = record.LastPowerAction, Revision = record.Revision,
    };

    private static SimulatedOperationRecord Write(SimulatedOperation operation) => new()
    {
        Step = operation.Step, Machine = operation.Machine, Key = operation.Key, Succeeded = operation.Succeeded, Redelivered = operation.Redelivered,
        Detail = EfDriverKeyStore.Cut(operation.Detail), Node = operation.Node, At = operation.At,
    };

    private static SimulatedWriterRecord Write(SimulatedWriterRecord record, SimulatedWriterJob writer)
    {
        record.DeploymentId = writer.DeploymentId;
        record.Machine = writer.Machine;
        record.Key = writer.Key;
        record.ArtifactId = writer.ArtifactId;
        record.ArtifactSha256 = writer.ArtifactSha256;
        record.DiskLocation = writer.DiskLocation;
        record.Fault = writer.Fault;
        record.State = writer.State;
        record.BootedAt = writer.BootedAt;
        record.BootedBy = writer.BootedBy;
        record.DueAt = writer.DueAt;
        record.Attempts = writer.Attempts;
        record.ClaimedBy = writer.ClaimedBy;
        record.ClaimedUntil = writer.ClaimedUntil;
        record.Succeeded = writer.Succeeded;
        record.Message = writer.Message;
        record.LastAnswer = writer.LastAnswer is null ? null : EfDriverKeyStore.Cut(writer.LastAnswer);
        record.FinishedAt = writer.FinishedAt;
        record.Revision = Guid.NewGuid();
        return record;
    }

    private static SimulatedWriterJob Read(SimulatedWriterRecord record) => new()
    {
        Id = record.Id, DeploymentId = record.DeploymentId, Machine = record.Machine, Key = record.Key, ArtifactId = record.ArtifactId,
        ArtifactSha256 = record.ArtifactSha256, DiskLocation = record.DiskLocation, Fault = record.Fault, State = record.State,
        BootedAt = record.BootedAt, BootedBy = record.BootedBy, DueAt = record.DueAt, Attempts = record.Attempts, ClaimedBy = record.ClaimedBy,
        ClaimedUntil = record.ClaimedUntil, Succeeded = record.Succeeded, Message = record.Message, LastAnswer = record.LastAnswer,
        FinishedAt = record.FinishedAt,
    };
}
