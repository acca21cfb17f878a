using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Deployments;
using Portal.Data.Library;
using Portal.Data.Quotas;
using Portal.Data.Resilience;
using Portal.Domain.Requests;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Quotas;
using Portal.Provisioning.Requests;

namespace Portal.Data.Requests;

/// <summary>Requests on the portal database, as JSON documents plus the columns lists filter and sort on.</summary>
public sealed class EfRequestStore(PortalDbContext db, IDataProtectionProvider protection, TimeProvider clock) : IRequestStore
{
    private const int ConflictRetries = 10;
    private readonly IDataProtector protector = protection.CreateProtector(DeploymentRecords.SecretsPurpose);

    public async Task<IReadOnlyList<string>> CreateAsync(ServerRequest request, IReadOnlyList<PreparedDeployment> deployments, CancellationToken cancellationToken)
    {
        db.Set<RequestRecord>().Add(ToRecord(request, new RequestRecord { Id = request.Id, CreatedAt = request.CreatedAt }));
        var now = clock.GetUtcNow();
        foreach (var prepared in deployments)
        {
            DeploymentRecords.Add(db, prepared.Deployment, prepared.Secrets, protector, now);
        }

        return await DeploymentRecords.SaveClaimingAsync(db, deployments.Select(d => d.Deployment.Hostname).OfType<string>().ToList(), cancellationToken);
    }

    public async Task<RequestCreation> CreateAsync(ServerRequest request, IReadOnlyList<PreparedDeployment> deployments, QuotaHold? hold, CancellationToken cancellationToken)
    {
        if (hold is null)
        {
            var taken = await CreateAsync(request, deployments, cancellationToken);
            return taken.Count == 0 ? RequestCreation.Created : new RequestCreation(taken, null);
        }

        var user = request.RequestedBy;
        var hostnames = deployments.Select(d => d.Deployment.Hostname).OfType<string>().ToList();
        await QuotaLedger.EnsureUsageRowAsync(db, user, cancellationToken);

        // Staged once, outside the retried unit: a retry after a transient failure saves the same rows again.
        db.Set<RequestRecord>().Add(ToRecord(request, new RequestRecord { Id = request.Id, CreatedAt = request.CreatedAt }));
        var now = clock.GetUtcNow();
        foreach (var prepared in deployments)
        {
            DeploymentRecords.Add(db, prepared.Deployment, prepared.Secrets, protector, now);
            db.Set<QuotaChargeRecord>().Add(QuotaLedger.Charge(user, request.Id, prepared.Deployment.Id, hold.PerServer, now));
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Quota first: the conditional update holds the user's usage row until commit, so a concurrent submission
            // of the same user waits here and then sees this one's totals.
            if (!await QuotaLedger.TryTakeAsync(db, user, hold.PerServer.Times(deployments.Count), hold.Quota.Limits, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new RequestCreation([], await QuotaLedger.HeldAsync(db, user, cancellationToken));
            }

            try
            {
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            }
            catch (DbUpdateException e) when (hostnames.Count > 0 && !DatabaseFailures.IsTransient(e))
            {
                // A name claimed by another request meanwhile: nothing of this one (quota included) is kept.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                var taken = await DeploymentRecords.TakenAsync(db, hostnames, cancellationToken);
                if (taken.Count == 0)
                {
                    throw;
                }

                return new RequestCreation(taken, null);
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.AcceptAllChanges();
            return RequestCreation.Created;
        });
    }

    public async Task<ServerRequest?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.Set<RequestRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return record is null ? null : Read(record);
    }

    public async Task<IReadOnlyList<ServerRequest>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var records = await db.Set<RequestRecord>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        return records.Select(Read).ToList();
    }

    public async Task<ServerRequest> UpdateAsync(Guid id, Func<ServerRequest, ServerRequest> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await db.Set<RequestRecord>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new InvalidOperationException($"Request {id} does not exist.");
            var changed = change(Read(record));
            ToRecord(changed, record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return changed;
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConflictRetries)
            {
                // The workflow and a person changed it at once: read again and apply the change to what is there now.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<RequestPage> ListAsync(RequestQuery query, CancellationToken cancellationToken)
    {
        var requests = db.Set<RequestRecord>().AsNoTracking();
        if (query.RequestedBy is { } requestedBy)
        {
            requests = requests.Where(r => r.RequestedBy == requestedBy);
        }

        if (query.Status is { } status)
        {
            requests = requests.Where(r => r.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            requests = requests.Where(r => r.SearchText.Contains(term) || r.RequestedBy.ToLower().Contains(term));
        }

        var total = await requests.CountAsync(cancellationToken);
        var ordered = query.OldestFirst ? requests.OrderBy(r => r.CreatedAt) : requests.OrderByDescending(r => r.CreatedAt);
        var records = await ordered.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 200)).ToListAsync(cancellationToken);
        return new RequestPage(records.Select(Read).ToList(), total);
    }

    private static RequestRecord ToRecord(ServerRequest request, RequestRecord record)
    {
        record.RequestedBy = request.RequestedBy;
        record.Status = request.Status;
        record.ImageId = request.ImageId;
        record.UpdatedAt = request.UpdatedAt;
        var search = string.Join(' ', [request.ImageName, .. request.Hostnames, request.Justification]).ToLowerInvariant();
        record.SearchText = search.Length > 4000 ? search[..4000] : search;
        record.Document = JsonSerializer.Serialize(request, LibraryJson.Options);
        record.Revision = Guid.NewGuid();
        return record;
    }

    private static ServerRequest Read(RequestRecord record) =>
        JsonSerializer.Deserialize<ServerRequest>(record.Document, LibraryJson.Options)
        ?? throw new InvalidDataException($"The document of request {record.Id} is empty.");
}
