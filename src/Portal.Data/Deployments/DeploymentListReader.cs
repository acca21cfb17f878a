using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Library;
using Portal.Domain.Deployments;
using Portal.Workflows.Runtime;

namespace Portal.Data.Deployments;

/// <summary>
/// The list pages' reads of deployments and deployed servers: one page at a time (Skip/Take in SQL, the total by
/// COUNT), and a deployment's workflow status and server joined in the same statement, never looked up row by row.
/// </summary>
public sealed class DeploymentListReader(PortalDbContext db)
{
    /// <summary>The largest page a list asks for.</summary>
    public const int MaxPageSize = 500;

    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.General);

    /// <summary>Page <paramref name="page"/> (from 0) of the deployments, the newest first; only <paramref name="requestedBy"/>'s when given.</summary>
    public async Task<DeploymentListPage> PageAsync(string? requestedBy, int page, int pageSize, CancellationToken cancellationToken)
    {
        var deployments = db.Set<DeploymentRecord>().AsNoTracking();
        if (requestedBy is not null)
        {
            deployments = deployments.Where(d => d.RequestedBy == requestedBy);
        }

        var total = await deployments.CountAsync(cancellationToken);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var rows = await (
                from d in deployments.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).Skip(Math.Max(0, page) * size).Take(size)
                join i in db.WorkflowInstances on d.WorkflowInstanceId equals i.Id into runs
                from i in runs.DefaultIfEmpty()
                select new
                {
                    d.CreatedAt,
                    d.Id,
                    d.Document,
                    InstanceStatus = i == null ? (WorkflowStatus?)null : i.Status,
                    // The whole state only for the rare faulted run, whose fault message the list shows.
                    FaultedState = i != null && i.Status == WorkflowStatus.Faulted ? i.StateJson : null,
                    Server = db.Set<DeployedServerRecord>().Where(s => s.DeploymentId == d.Id).Select(s => s.Document).FirstOrDefault(),
                })
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        return new DeploymentListPage(rows.Select(r =>
        {
            var deployment = ReadDeployment(r.Document);
            var server = r.Server is null ? null : ReadServer(r.Server);
            return new DeploymentListRow(
                deployment,
                r.InstanceStatus,
                r.FaultedState is null ? null : JsonSerializer.Deserialize<WorkflowState>(r.FaultedState, StateJson)?.FaultMessage,
                server is not null && server.Id == deployment.ServerId ? server : null);
        }).ToList(), total);
    }

    /// <summary>
    /// Page <paramref name="page"/> (from 0) of the deployed servers in name order: one owner's when given, the
    /// decommissioned ones only when asked.
    /// </summary>
    public async Task<DeployedServerPage> ServerPageAsync(string? owner, bool includeDecommissioned, int page, int pageSize, CancellationToken cancellationToken)
    {
        var servers = db.Set<DeployedServerRecord>().AsNoTracking();
        if (owner is not null)
        {
            servers = servers.Where(s => s.Owner == owner);
        }

        if (!includeDecommissioned)
        {
            servers = servers.Where(s => s.Status != ServerStatus.Decommissioned);
        }

        var total = await servers.CountAsync(cancellationToken);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var documents = await servers.OrderBy(s => s.Name).ThenBy(s => s.Id).Skip(Math.Max(0, page) * size).Take(size)
            .Select(s => s.Document).ToListAsync(cancellationToken);
        return new DeployedServerPage(documents.Select(ReadServer).ToList(), total);
    }

    /// <summary>The names of these hypervisor hosts and physical servers (the machines under a page of servers), in two queries.</summary>
    public async Task<(IReadOnlyDictionary<Guid, string> Hosts, IReadOnlyDictionary<Guid, string> Machines)> MachineNamesAsync(
        IEnumerable<Guid> hostIds, IEnumerable<Guid> machineIds, CancellationToken cancellationToken)
    {
        var hosts = hostIds.Distinct().ToList();
        var machines = machineIds.Distinct().ToList();
        var hostNames = hosts.Count == 0 ? [] : await db.Set<Inventory.HypervisorHostRecord>().AsNoTracking()
            .Where(h => hosts.Contains(h.Id)).Select(h => new { h.Id, h.Name }).ToListAsync(cancellationToken);
        var machineNames = machines.Count == 0 ? [] : await db.Set<Inventory.PhysicalServerRecord>().AsNoTracking()
            .Where(m => machines.Contains(m.Id)).Select(m => new { m.Id, m.Name }).ToListAsync(cancellationToken);
        return (hostNames.ToDictionary(h => h.Id, h => h.Name), machineNames.ToDictionary(m => m.Id, m => m.Name));
    }

    /// <summary>Whether any server was ever deployed (the page's empty state), decommissioned ones included.</summary>
    public Task<bool> AnyServerAsync(CancellationToken cancellationToken) => db.Set<DeployedServerRecord>().AnyAsync(cancellationToken);

    private static Deployment ReadDeployment(string document) =>
        JsonSerializer.Deserialize<Deployment>(document, LibraryJson.Options) ?? throw new InvalidDataException("A deployment document is empty.");

    private static DeployedServer ReadServer(string document) =>
        JsonSerializer.Deserialize<DeployedServer>(document, LibraryJson.Options) ?? throw new InvalidDataException("A server document is empty.");
}
