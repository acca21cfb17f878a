using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Library;
using Portal.Domain.Deployments;
using Portal.Provisioning.Deployments;

namespace Portal.Data.Deployments;

/// <summary>Deployments and deployed servers on the portal database, as JSON documents plus the columns lists filter on.</summary>
public sealed class EfDeploymentStore(PortalDbContext db, IDataProtectionProvider protection, TimeProvider clock) : IDeploymentStore
{
    private const int ConflictRetries = 10;
    private readonly IDataProtector protector = protection.CreateProtector(DeploymentRecords.SecretsPurpose);

    public async Task<IReadOnlyList<string>> CreateAsync(Deployment deployment, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken)
    {
        DeploymentRecords.Add(db, deployment, secrets, protector, clock.GetUtcNow());
        return await DeploymentRecords.SaveClaimingAsync(db, deployment.Hostname is { } name ? [name] : [], cancellationToken);
    }

    public async Task<IReadOnlyList<string>> HostnamesInUseAsync(IReadOnlyCollection<string> hostnames, CancellationToken cancellationToken)
    {
        var wanted = hostnames.Select(DeploymentRecords.Normalize).Distinct().ToList();
        var claimed = await db.Set<HostnameClaimRecord>().AsNoTracking().Where(c => wanted.Contains(c.Hostname)).Select(c => c.Hostname).ToListAsync(cancellationToken);
        // Servers deployed before names were claimed, and a migrated server whose successor holds no claim, count as well.
        var live = await LiveServerNames(db, wanted).ToListAsync(cancellationToken);
        var used = claimed.Concat(live).ToHashSet();
        return hostnames.Where(h => used.Contains(DeploymentRecords.Normalize(h))).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// The lower-cased names of live servers among <paramref name="normalizedNames"/>. Every submission asks it (twice), so
    /// it is answered by the index on lower(Name) (migration ServerNameIndex), not by a scan of every server.
    /// </summary>
    public static IQueryable<string> LiveServerNames(PortalDbContext db, IReadOnlyCollection<string> normalizedNames) =>
        db.Set<DeployedServerRecord>().AsNoTracking()
            .Where(s => s.Status != ServerStatus.Decommissioned && s.Status != ServerStatus.Failed && normalizedNames.Contains(s.Name.ToLower()))
            .Select(s => s.Name.ToLower());

    public async Task ReleaseHostnameAsync(Guid deploymentId, CancellationToken cancellationToken) =>
        await db.Set<HostnameClaimRecord>().Where(c => c.DeploymentId == deploymentId).ExecuteDeleteAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>?> RevealGeneratedSecretsAsync(Guid deploymentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The conditional update decides: of two callers at once, only one changes the row.
        var won = await db.Set<DeploymentRecord>().Where(d => d.Id == deploymentId && d.SecretsRevealedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.SecretsRevealedAt, now), cancellationToken);
        if (won == 0 || await FindAsync(deploymentId, cancellationToken) is not { GeneratedSecrets.Count: > 0 } deployment)
        {
            return null;
        }

        var secrets = await SecretsAsync(deploymentId, cancellationToken);
        return deployment.GeneratedSecrets.Where(secrets.ContainsKey).ToDictionary(name => name, name => secrets[name]);
    }

    public async Task<DateTimeOffset?> GeneratedSecretsRevealedAtAsync(Guid deploymentId, CancellationToken cancellationToken) =>
        await db.Set<DeploymentRecord>().AsNoTracking().Where(d => d.Id == deploymentId).Select(d => d.SecretsRevealedAt).FirstOrDefaultAsync(cancellationToken);

    public async Task<Deployment?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.Set<DeploymentRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        return record is null ? null : Read(record);
    }

    public async Task<Deployment> UpdateAsync(Guid id, Func<Deployment, Deployment> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await db.Set<DeploymentRecord>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
                ?? throw new InvalidOperationException($"Deployment {id} does not exist.");
            var changed = change(Read(record));
            record.Status = changed.Status;
            record.WorkflowInstanceId = changed.WorkflowInstanceId;
            record.Document = JsonSerializer.Serialize(changed, LibraryJson.Options);
            record.Revision = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return changed;
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConflictRetries)
            {
                // Two steps of one deployment (parallel branches) wrote at once: re-read and apply again.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> SecretsAsync(Guid deploymentId, CancellationToken cancellationToken)
    {
        var text = await db.Set<DeploymentRecord>().AsNoTracking().Where(d => d.Id == deploymentId)
            .Select(d => d.ProtectedSecrets).FirstOrDefaultAsync(cancellationToken);
        return text is null
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(protector.Unprotect(text)) ?? [];
    }

    public async Task<IReadOnlyList<Deployment>> ListAsync(string? requestedBy, int take, CancellationToken cancellationToken)
    {
        var query = db.Set<DeploymentRecord>().AsNoTracking();
        if (requestedBy is not null)
        {
            query = query.Where(d => d.RequestedBy == requestedBy);
        }

        var records = await query.OrderByDescending(d => d.CreatedAt).Take(take).ToListAsync(cancellationToken);
        return records.Select(Read).ToList();
    }

    public async Task SaveServerAsync(DeployedServer server, CancellationToken cancellationToken)
    {
        var servers = db.Set<DeployedServerRecord>();
        var record = await servers.FirstOrDefaultAsync(s => s.Id == server.Id, cancellationToken);
        if (record is null)
        {
            record = new DeployedServerRecord { Id = server.Id };
            servers.Add(record);
        }

        record.Name = server.Name;
        record.Owner = server.Owner;
        record.DeploymentId = server.DeploymentId;
        record.Status = server.Status;
        record.CreatedAt = server.CreatedAt;
        record.Document = JsonSerializer.Serialize(server, LibraryJson.Options);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<DeployedServer?> FindServerAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.Set<DeployedServerRecord>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return record is null ? null : Read(record);
    }

    public async Task<DeployedServer?> FindServerByDeploymentAsync(Guid deploymentId, CancellationToken cancellationToken)
    {
        var record = await db.Set<DeployedServerRecord>().AsNoTracking().FirstOrDefaultAsync(s => s.DeploymentId == deploymentId, cancellationToken);
        return record is null ? null : Read(record);
    }

    public async Task<IReadOnlyList<DeployedServer>> ServersAsync(string? owner, CancellationToken cancellationToken)
    {
        var query = db.Set<DeployedServerRecord>().AsNoTracking();
        if (owner is not null)
        {
            query = query.Where(s => s.Owner == owner);
        }

        var records = await query.OrderBy(s => s.Name).ToListAsync(cancellationToken);
        return records.Select(Read).ToList();
    }

    private static Deployment Read(DeploymentRecord record) =>
        JsonSerializer.Deserialize<Deployment>(record.Document, LibraryJson.Options)
        ?? throw new InvalidDataException($"The document of deployment {record.Id} is empty.");

    private static DeployedServer Read(DeployedServerRecord record) =>
        JsonSerializer.Deserialize<DeployedServer>(record.Document, LibraryJson.Options)
        ?? throw new InvalidDataException($"The document of server {record.Id} is empty.");
}
