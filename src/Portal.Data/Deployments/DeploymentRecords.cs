using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Library;
using Portal.Domain.Deployments;

namespace Portal.Data.Deployments;

/// <summary>How a new deployment becomes rows — its record with the secrets protected apart, and its host-name claim — for the deployment and request stores alike.</summary>
internal static class DeploymentRecords
{
    public const string SecretsPurpose = "Portal.Deployments.Secrets";

    public static void Add(PortalDbContext db, Deployment deployment, IReadOnlyDictionary<string, string> secrets, IDataProtector protector, DateTimeOffset now)
    {
        db.Set<DeploymentRecord>().Add(new DeploymentRecord
        {
            Id = deployment.Id,
            ImageId = deployment.ImageId,
            RequestedBy = deployment.RequestedBy,
            RequestId = deployment.RequestId,
            Status = deployment.Status,
            WorkflowInstanceId = deployment.WorkflowInstanceId,
            CreatedAt = deployment.CreatedAt,
            Document = JsonSerializer.Serialize(deployment, LibraryJson.Options),
            ProtectedSecrets = secrets.Count == 0 ? null : protector.Protect(JsonSerializer.Serialize(secrets)),
            Revision = Guid.NewGuid(),
        });
        if (deployment.Hostname is { } hostname)
        {
            db.Set<HostnameClaimRecord>().Add(new HostnameClaimRecord { Hostname = Normalize(hostname), DeploymentId = deployment.Id, ClaimedAt = now });
        }
    }

    /// <summary>Host names compare without case, as DNS does.</summary>
    public static string Normalize(string hostname) => hostname.Trim().ToLowerInvariant();

    /// <summary>Saves what was added; when a claim lost to another deployment's, nothing is saved and the taken names are returned.</summary>
    public static async Task<IReadOnlyList<string>> SaveClaimingAsync(PortalDbContext db, IReadOnlyCollection<string> hostnames, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return [];
        }
        catch (DbUpdateException) when (hostnames.Count > 0)
        {
            db.ChangeTracker.Clear();
            var taken = await TakenAsync(db, hostnames, cancellationToken);
            if (taken.Count == 0)
            {
                throw;
            }

            return taken;
        }
    }

    /// <summary>Which of <paramref name="hostnames"/> other deployments have claimed, as given.</summary>
    public static async Task<IReadOnlyList<string>> TakenAsync(PortalDbContext db, IReadOnlyCollection<string> hostnames, CancellationToken cancellationToken)
    {
        var normalized = hostnames.Select(Normalize).ToList();
        var taken = await db.Set<HostnameClaimRecord>().AsNoTracking().Where(c => normalized.Contains(c.Hostname)).Select(c => c.Hostname).ToListAsync(cancellationToken);
        return hostnames.Where(h => taken.Contains(Normalize(h))).ToList();
    }
}
