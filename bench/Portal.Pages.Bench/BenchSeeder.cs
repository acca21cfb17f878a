using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Deployments;
using Portal.Data.Identity;
using Portal.Data.Inventory;
using Portal.Data.Library;
using Portal.Data.Workflows;
using Portal.Domain.Deployments;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Security;
using Portal.Workflows.Runtime;

namespace Portal.Pages.Bench;

/// <summary>
/// Adds the bench population to a portal database that the portal itself migrated and filled with its demo data
/// (platforms, images, inventory, shipped workflows, demo users): the demo rows are the templates the bench rows are
/// cloned from, so every document is one the portal wrote and reads back. Rows go in through EF Core in batches, with
/// change tracking off and one transaction per batch (SaveChanges' own); nothing here runs unless the bench's <c>seed</c> verb is given.
/// </summary>
public sealed class BenchSeeder(PortalDbContext db, SeedSizes sizes, TextWriter log)
{
    /// <summary>Rows per SaveChanges: large enough that statement batching pays, small enough to keep memory flat.</summary>
    public const int Batch = 2_000;

    /// <summary>The prefix of every seeded name, so a second seed (or a reader) can tell them apart.</summary>
    public const string Prefix = "bench";

    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.General);

    private readonly Random random = new(15);
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        if (await db.Images.AnyAsync(i => i.Name.StartsWith(Prefix + " "), cancellationToken))
        {
            throw new InvalidOperationException("This database holds a bench seed already: seed a fresh data directory (or database).");
        }

        var templates = await db.Images.Where(i => i.Lifecycle == ImageLifecycle.Published).OrderBy(i => i.Name).ToListAsync(cancellationToken);
        var machine = await db.Set<PhysicalServerRecord>().OrderBy(s => s.Name).FirstOrDefaultAsync(cancellationToken);
        var host = await db.Set<HypervisorHostRecord>().OrderBy(h => h.Name).FirstOrDefaultAsync(cancellationToken);
        var admin = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == "ADMIN@PORTAL.LOCAL", cancellationToken);
        var requesterRole = await db.Roles.FirstOrDefaultAsync(r => r.Name == PortalRoles.Requester, cancellationToken);
        var definitions = await db.WorkflowDefinitions.Where(d => d.IsPublished).Select(d => new { Id = d.DefinitionId, d.Version }).ToListAsync(cancellationToken);
        if (templates.Count == 0 || machine is null || host is null || admin is null || requesterRole is null || definitions.Count == 0)
        {
            throw new InvalidOperationException(
                "The database has no demo data to clone (published images, a physical server, a host, admin@portal.local, the shipped workflows): " +
                "let the portal start once on it with Portal:Seed:DemoData and DemoUsers on (the seed verb does).");
        }

        var images = await TimedAsync("images", sizes.Images, () => AddImagesAsync(templates, cancellationToken));
        var machines = await TimedAsync("physical servers", sizes.Machines, () => AddMachinesAsync(machine, cancellationToken));
        var hosts = await TimedAsync("hypervisor hosts", sizes.Hosts, () => AddHostsAsync(host, cancellationToken));
        var users = await TimedAsync("users", sizes.Users, () => AddUsersAsync(admin.PasswordHash!, requesterRole.Id, cancellationToken));
        var instanceIds = Enumerable.Range(0, sizes.Instances).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var deploymentDefinition = definitions.FirstOrDefault(d => d.Id.Contains("deploy", StringComparison.OrdinalIgnoreCase)) ?? definitions[0];
        await TimedAsync("deployments + servers", sizes.Servers,
            () => AddDeploymentsAsync(images, machines, machine.PlatformId, hosts, host.PlatformId, users, instanceIds, cancellationToken));
        await TimedAsync("workflow instances", sizes.Instances, () => AddInstancesAsync(
            instanceIds, definitions.Select(d => (d.Id, d.Version)).ToList(), (deploymentDefinition.Id, deploymentDefinition.Version), cancellationToken));
    }

    private async Task<IReadOnlyList<MasterImage>> AddImagesAsync(IReadOnlyList<ImageRecord> templates, CancellationToken cancellationToken)
    {
        var added = new List<MasterImage>();
        await InBatchesAsync(sizes.Images, i =>
        {
            var template = templates[i % templates.Count];
            var image = LibraryJson.ReadImage(template.Document) with { Id = Guid.NewGuid(), Name = $"{Prefix} {i:D5} {template.Name}" };
            added.Add(image);
            var createdAt = now.AddMinutes(-i);
            db.Images.Add(new ImageRecord
            {
                Id = image.Id, Name = image.Name, Version = template.Version, Owner = template.Owner, Lifecycle = template.Lifecycle,
                OsFamily = template.OsFamily, OsLabel = template.OsLabel, Architecture = template.Architecture, CapturedFrom = template.CapturedFrom,
                SourceTechnology = template.SourceTechnology, Tags = template.Tags, HardwareSummary = template.HardwareSummary,
                Document = LibraryJson.Write(image), CreatedAt = createdAt, UpdatedAt = createdAt, Revision = Guid.NewGuid(),
            });
        }, cancellationToken);
        return added;
    }

    private async Task<IReadOnlyList<(Guid Id, string Name)>> AddMachinesAsync(PhysicalServerRecord template, CancellationToken cancellationToken)
    {
        var added = new List<(Guid, string)>();
        await InBatchesAsync(sizes.Machines, i =>
        {
            // The document holds no id or name (they are columns); the BMC password stays the template's, protected
            // with this data directory's keys.
            var record = new PhysicalServerRecord
            {
                Id = Guid.NewGuid(), Name = $"{Prefix}-pm-{i:D5}", PlatformId = template.PlatformId, State = template.State,
                CpuCores = template.CpuCores, MemoryMiB = template.MemoryMiB, Document = template.Document,
                ProtectedBmcPassword = template.ProtectedBmcPassword, Revision = Guid.NewGuid(),
            };
            added.Add((record.Id, record.Name));
            db.Add(record);
        }, cancellationToken);
        return added;
    }

    private async Task<IReadOnlyList<(Guid Id, string Name)>> AddHostsAsync(HypervisorHostRecord template, CancellationToken cancellationToken)
    {
        var added = new List<(Guid, string)>();
        await InBatchesAsync(sizes.Hosts, i =>
        {
            var record = new HypervisorHostRecord
            {
                Id = Guid.NewGuid(), Name = $"{Prefix}-hv-{i:D4}", PlatformId = template.PlatformId, Hypervisor = template.Hypervisor,
                InMaintenance = false, CapacityVcpus = template.CapacityVcpus, CapacityMemoryMiB = template.CapacityMemoryMiB,
                CapacityStorageGiB = template.CapacityStorageGiB, Document = template.Document,
            };
            added.Add((record.Id, record.Name));
            db.Add(record);
        }, cancellationToken);
        return added;
    }

    private async Task<IReadOnlyList<string>> AddUsersAsync(string passwordHash, string requesterRoleId, CancellationToken cancellationToken)
    {
        // Every bench user signs in with the demo password: its hash is copied, not computed 1,000 times.
        var added = new List<string>();
        await InBatchesAsync(sizes.Users, i =>
        {
            var email = $"{Prefix}-user-{i:D4}@portal.local";
            var user = new PortalUser
            {
                Id = Guid.NewGuid().ToString(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, PasswordHash = passwordHash,
                SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true, DisplayName = $"Bench user {i:D4}", CreatedAt = now.AddHours(-i),
            };
            added.Add(email);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = requesterRoleId });
        }, cancellationToken);
        return added;
    }

    private async Task AddDeploymentsAsync(
        IReadOnlyList<MasterImage> images, IReadOnlyList<(Guid Id, string Name)> machines, Guid machinePlatform,
        IReadOnlyList<(Guid Id, string Name)> hosts, Guid hostPlatform, IReadOnlyList<string> users, IReadOnlyList<string> instanceIds,
        CancellationToken cancellationToken)
    {
        var platforms = (await db.Platforms.ToListAsync(cancellationToken)).ToDictionary(p => p.Id);
        var hardware = new Dictionary<Guid, HardwareConfiguration?>();
        await InBatchesAsync(sizes.Servers, i =>
        {
            var image = images[i % images.Count];
            if (!hardware.TryGetValue(image.Id, out var configuration))
            {
                var instantiated = image.Hardware.Instantiate();
                hardware[image.Id] = configuration = instantiated.IsValid ? instantiated.Value : null;
            }

            var bareMetal = i % 2 == 0;
            var platform = platforms[bareMetal ? machinePlatform : hostPlatform];
            var owner = users[i % users.Count];
            var createdAt = now.AddMinutes(-3 * i);
            var deploymentId = Guid.NewGuid();
            var serverId = Guid.NewGuid();
            var name = $"{Prefix}-srv-{i:D5}";
            var decommissioned = i % 10 == 9;
            var server = new DeployedServer
            {
                Id = serverId, Name = name, Owner = owner, ImageId = image.Id, DeploymentId = deploymentId,
                IpAddress = $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}", Kind = platform.Kind, PlatformId = platform.Id,
                Technology = platform.Technology, PhysicalServerId = bareMetal ? machines[i / 2 % machines.Count].Id : null,
                HostId = bareMetal ? null : hosts[i / 2 % hosts.Count].Id, MachineName = name,
                Hardware = configuration ?? new HardwareConfiguration([], image.Hardware.Architecture, image.Hardware.Firmware),
                OsLabel = image.Software.OsLabel, Status = decommissioned ? ServerStatus.Decommissioned : ServerStatus.Running, CreatedAt = createdAt,
            };
            var deployment = new Deployment
            {
                Id = deploymentId, ImageId = image.Id, RequestedBy = owner, Hostname = name, Placement = Placement.Any,
                Status = DeploymentStatus.Completed, WorkflowInstanceId = instanceIds[i], TargetPlatformId = platform.Id, ServerId = serverId,
                CreatedAt = createdAt, UpdatedAt = createdAt.AddMinutes(2),
            };
            db.Add(new DeploymentRecord
            {
                Id = deploymentId, ImageId = image.Id, RequestedBy = owner, Status = deployment.Status, WorkflowInstanceId = deployment.WorkflowInstanceId,
                CreatedAt = createdAt, Document = JsonSerializer.Serialize(deployment, LibraryJson.Options), Revision = Guid.NewGuid(),
            });
            db.Add(new DeployedServerRecord
            {
                Id = serverId, Name = name, Owner = owner, DeploymentId = deploymentId, Status = server.Status, CreatedAt = createdAt,
                Document = JsonSerializer.Serialize(server, LibraryJson.Options),
            });
        }, cancellationToken);
    }

    private Task AddInstancesAsync(
        IReadOnlyList<string> ids, IReadOnlyList<(string Id, int Version)> definitions, (string Id, int Version) deployment, CancellationToken cancellationToken) =>
        InBatchesAsync(ids.Count, i =>
        {
            // The first ones ran the deployments seeded above; the rest are spread over the shipped workflows and the
            // states an instance rests in (none is Running: no node holds a lease on them, and none has due work).
            var (definitionId, version) = i < sizes.Servers ? deployment : definitions[i % definitions.Count];
            var status = i < sizes.Servers ? WorkflowStatus.Completed : (i % 20) switch
            {
                0 => WorkflowStatus.Faulted,
                1 or 2 => WorkflowStatus.Cancelled,
                3 or 4 or 5 => WorkflowStatus.Suspended,
                _ => WorkflowStatus.Completed,
            };
            var createdAt = now.AddSeconds(-30 * i - random.Next(30));
            var state = new WorkflowState
            {
                InstanceId = ids[i], DefinitionId = definitionId, DefinitionVersion = version, CorrelationId = $"{Prefix}-{i:D6}",
                Status = status, FaultMessage = status == WorkflowStatus.Faulted ? "Bench: a step failed (seeded)." : null,
                Executions = 10, NextExecution = 11, CreatedAt = createdAt, UpdatedAt = createdAt.AddSeconds(5),
            };
            db.WorkflowInstances.Add(new WorkflowInstanceRecord
            {
                Id = state.InstanceId, DefinitionId = definitionId, DefinitionVersion = version, Status = status, CorrelationId = state.CorrelationId,
                StateJson = JsonSerializer.Serialize(state, StateJson), Revision = 1, CreatedAt = createdAt, UpdatedAt = state.UpdatedAt,
            });
        }, cancellationToken);

    private async Task InBatchesAsync(int count, Action<int> add, CancellationToken cancellationToken)
    {
        for (var start = 0; start < count; start += Batch)
        {
            for (var i = start; i < Math.Min(count, start + Batch); i++)
            {
                add(i);
            }

            // SaveChanges writes the batch in one transaction, its inserts batched into few commands.
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private async Task<T> TimedAsync<T>(string what, int count, Func<Task<T>> step)
    {
        var clock = Stopwatch.StartNew();
        var result = await step();
        log.WriteLine($"seed: {count,7:N0} {what} in {clock.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private async Task TimedAsync(string what, int count, Func<Task> step)
    {
        var clock = Stopwatch.StartNew();
        await step();
        log.WriteLine($"seed: {count,7:N0} {what} in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
