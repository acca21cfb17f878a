using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Portal.Domain.Audit;
using Portal.Domain.Deployments;
using Portal.Domain.Leases;
using Portal.Domain.Notifications;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;
using Portal.Workflows.Hosting;

namespace Portal.Provisioning.Leases;

/// <summary>
/// Servers' leases: the lease a new server gets from its request (bounded by the policy), reading a server's lease,
/// and extending it — at once, or through the lease-extension workflow when the policy wants an approver.
/// </summary>
public sealed partial class LeaseBook(
    ILeaseStore store, IUserRoles users, IDeploymentStore deployments, WorkflowEngine engine, IAuditLog audit, LeaseNotices notices,
    TimeProvider clock, ILogger<LeaseBook> logger)
{
    /// <summary>The shipped workflow an extension goes through when its policy wants an approval.</summary>
    public const string ExtensionWorkflow = "lease-extension";

    /// <summary>The field of a request (or an admin's deployment) that names the lease.</summary>
    public const string DaysField = "leaseDays";

    public async Task<EffectiveLeasePolicy> PolicyForAsync(Guid imageId, string owner, CancellationToken cancellationToken) =>
        EffectiveLeasePolicy.Resolve(await store.PoliciesAsync(cancellationToken), imageId, await users.RolesOfAsync(owner, cancellationToken));

    /// <summary>
    /// The lease of a new server: the days asked, or the policy's default. A requester asking for more than the
    /// policy's maximum is refused; an admin deploying directly may give any lease up to ten years (they set the policies).
    /// </summary>
    public async Task<ValidationResult<LeaseChoice>> ChooseAsync(Guid imageId, string owner, int? asked, bool byAdmin, CancellationToken cancellationToken)
    {
        var policy = await PolicyForAsync(imageId, owner, cancellationToken);
        if (asked is null)
        {
            return ValidationResult<LeaseChoice>.Success(new LeaseChoice(policy.Terms.DefaultDays, policy));
        }

        if (asked is < 1 or > LeaseTerms.LongestDays)
        {
            return ValidationResult<LeaseChoice>.Failure(DaysField, $"A lease is 1 to {LeaseTerms.LongestDays} days.");
        }

        if (!byAdmin && asked > policy.Terms.MaxDays)
        {
            return ValidationResult<LeaseChoice>.Failure(DaysField,
                $"At most {policy.Terms.MaxDays} days: {policy.Source} allows no longer lease. Ask for {policy.Terms.MaxDays} days or fewer; you can extend it later.");
        }

        return ValidationResult<LeaseChoice>.Success(new LeaseChoice(asked.Value, policy));
    }

    /// <summary>Opens the leases of new deployments (one per server); each starts when its server is built.</summary>
    public async Task OpenAsync(IReadOnlyCollection<Guid> deploymentIds, string owner, LeaseChoice choice, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await store.AddAsync(deploymentIds.Select(id => new ServerLease
        {
            DeploymentId = id, Owner = owner, Days = choice.Days, Terms = choice.Policy.Terms, PolicySource = choice.Policy.Source, CreatedAt = now,
        }).ToList(), cancellationToken);
    }

    /// <summary>
    /// Gives a migration's successor the lease of the server it replaces (same owner, terms and end): moving a server
    /// does not renew its lease. Nothing when the old server has none or the successor has one already (a repeat).
    /// </summary>
    public async Task CarryOverAsync(Guid fromDeploymentId, Guid toDeploymentId, CancellationToken cancellationToken)
    {
        if (await store.FindByDeploymentAsync(fromDeploymentId, cancellationToken) is not { } old
            || await store.FindByDeploymentAsync(toDeploymentId, cancellationToken) is not null)
        {
            return;
        }

        await store.AddAsync([old.CarriedTo(toDeploymentId, clock.GetUtcNow())], cancellationToken);
    }

    /// <summary>A server's lease, bound to the server first if the keeper has not done it yet; null when it has none.</summary>
    public async Task<ServerLease?> ForServerAsync(Guid serverId, CancellationToken cancellationToken)
    {
        if (await store.FindByServerAsync(serverId, cancellationToken) is { } bound)
        {
            return bound;
        }

        if (await deployments.FindServerAsync(serverId, cancellationToken) is not { } server
            || await store.FindByDeploymentAsync(server.DeploymentId, cancellationToken) is not { } lease)
        {
            return null;
        }

        await store.BindToServerAsync(lease.StartedFor(server.Id, server.Name, server.CreatedAt), cancellationToken);
        return await store.FindByServerAsync(serverId, cancellationToken);
    }

    /// <summary>The leases of these servers (bound ones), by server.</summary>
    public async Task<IReadOnlyDictionary<Guid, ServerLease>> ForServersAsync(IReadOnlyCollection<Guid> serverIds, CancellationToken cancellationToken) =>
        (await store.ForServersAsync(serverIds, cancellationToken)).Where(l => l.ServerId is not null).ToDictionary(l => l.ServerId!.Value);

    /// <summary>
    /// Extends a server's lease by days (added to the current end) or to a new end, no further than the policy's
    /// maximum counted from now. When the policy wants an approval (and the caller is not an admin), the extension
    /// waits for an approver in the lease-extension workflow; otherwise it applies at once. Audited either way.
    /// </summary>
    public async Task<LeaseExtensionOutcome> ExtendAsync(Guid serverId, LeaseExtensionAsk ask, string user, bool byAdmin, CancellationToken cancellationToken)
    {
        if (await deployments.FindServerAsync(serverId, cancellationToken) is not { } server
            || await ForServerAsync(serverId, cancellationToken) is not { EndsAt: { } end } lease)
        {
            return LeaseExtensionOutcome.Missing(serverId);
        }

        if (server.Status is not (ServerStatus.Running or ServerStatus.Stopped))
        {
            return LeaseExtensionOutcome.Conflicting($"{server.Name} is {server.Status}: only a running or stopped server's lease can be extended.");
        }

        if (lease.PendingUntil is { } waiting)
        {
            return LeaseExtensionOutcome.Conflicting($"An extension of {server.Name} to {LeaseNotices.Day(waiting)} waits for an approver already.");
        }

        if ((ask.Days is null) == (ask.Until is null))
        {
            return LeaseExtensionOutcome.Refused("days", "Say how many days to add (days) or the new end (until), not both.");
        }

        var field = ask.Days is null ? "until" : "days";
        if (ask.Days is < 1)
        {
            return LeaseExtensionOutcome.Refused(field, "Add at least one day.");
        }

        var now = clock.GetUtcNow();
        var newEnd = ask.Until ?? end + TimeSpan.FromDays(ask.Days!.Value);
        if (newEnd <= end || newEnd <= now)
        {
            return LeaseExtensionOutcome.Refused(field, $"The lease of {server.Name} ends {LeaseNotices.Day(end)}: choose a later end, in the future.");
        }

        var latest = lease.LatestEnd(now);
        if (newEnd > latest)
        {
            var room = Math.Floor((latest - end).TotalDays);
            return LeaseExtensionOutcome.Refused(field,
                $"At most {lease.Terms.MaxDays} days from today: the latest end is {LeaseNotices.Day(latest)} ({lease.PolicySource})."
                + (ask.Days is not null ? room >= 1 ? $" Add {room} days or fewer." : " It cannot be extended further today." : ""));
        }

        if (lease.Terms.ExtensionNeedsApproval && !byAdmin)
        {
            return await AskApprovalAsync(server, lease, newEnd, user, cancellationToken);
        }

        var extended = await audit.RecordWithAsync(
            new AuditEntry(AuditAction.LeaseExtended, AuditTarget.Server(server.Id, server.Name), $"From {LeaseNotices.Day(end)} to {LeaseNotices.Day(newEnd)}."),
            () => store.SetEndAsync(lease, newEnd, cancellationToken), done => done, cancellationToken);
        if (!extended)
        {
            return LeaseExtensionOutcome.Conflicting($"The lease of {server.Name} changed meanwhile: look again and retry.");
        }

        LogExtended(server.Name, user, newEnd);
        return new LeaseExtensionOutcome(LeaseExtensionKind.Extended, await store.FindByServerAsync(serverId, cancellationToken), []);
    }

    /// <summary>
    /// The approver's decision on an extension (the lease-extension workflow's last step): approved, the end moves
    /// (unless it is already there or later); otherwise the waiting extension is dropped. The owner hears either way.
    /// </summary>
    public async Task DecideAsync(Guid serverId, DateTimeOffset until, bool approved, string? decidedBy, string? comment, CancellationToken cancellationToken)
    {
        if (await ForServerAsync(serverId, cancellationToken) is not { EndsAt: not null } lease)
        {
            return;
        }

        var name = lease.ServerName ?? serverId.ToString();
        var by = string.IsNullOrWhiteSpace(decidedBy) ? "nobody in time" : decidedBy;
        if (approved)
        {
            for (var attempt = 0; attempt < 3 && lease is { EndsAt: { } end } && end < until; attempt++)
            {
                if (await audit.RecordWithAsync(
                        new AuditEntry(AuditAction.LeaseExtended, AuditTarget.Server(serverId, name), $"From {LeaseNotices.Day(end)} to {LeaseNotices.Day(until)}, approved by {by}."),
                        () => store.SetEndAsync(lease, until, cancellationToken), done => done, cancellationToken))
                {
                    break;
                }

                lease = await store.FindByServerAsync(serverId, cancellationToken);
            }

            await store.ClearPendingAsync(lease!.DeploymentId, cancellationToken);
            await notices.SendAsync(new Notification(NotificationKind.LeaseExtended, lease.Owner, $"Lease of {name} extended",
                $"{by} approved: {name} now lives until {LeaseNotices.Day(until)}.", LeaseNotices.Link) { Key = $"{lease.DeploymentId}:{until.UtcTicks}" }, cancellationToken);
            return;
        }

        await store.ClearPendingAsync(lease.DeploymentId, cancellationToken);
        var why = string.IsNullOrWhiteSpace(comment) ? "" : $": {comment}";
        await notices.SendAsync(new Notification(NotificationKind.LeaseExtended, lease.Owner, $"Lease extension of {name} refused",
            $"Refused by {by}{why}. The lease still ends {LeaseNotices.Day(lease.EndsAt!.Value)}.", LeaseNotices.Link)
            {
                Key = $"{lease.DeploymentId}:refused:{until.UtcTicks}",
            }, cancellationToken);
    }

    private async Task<LeaseExtensionOutcome> AskApprovalAsync(DeployedServer server, ServerLease lease, DateTimeOffset until, string user, CancellationToken cancellationToken)
    {
        var asked = await audit.RecordWithAsync(
            new AuditEntry(AuditAction.LeaseExtensionRequested, AuditTarget.Server(server.Id, server.Name), $"To {LeaseNotices.Day(until)} (ends {LeaseNotices.Day(lease.EndsAt!.Value)})."),
            () => store.ClaimPendingAsync(lease.DeploymentId, until, user, cancellationToken), done => done, cancellationToken);
        if (!asked)
        {
            return LeaseExtensionOutcome.Conflicting($"An extension of {server.Name} waits for an approver already.");
        }

        // The correlation is not a request id, so the approval inbox shows the task's own title rather than a request.
        var started = await engine.StartAsync(ExtensionWorkflow, new JsonObject
        {
            ["serverId"] = server.Id.ToString(),
            ["server"] = server.Name,
            ["owner"] = server.Owner,
            ["requestedBy"] = user,
            ["currentEnd"] = LeaseNotices.Day(lease.EndsAt!.Value),
            ["until"] = until.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["untilText"] = LeaseNotices.Day(until),
        }, $"lease:{server.Id}", cancellationToken);
        if (!started.IsValid)
        {
            await store.ClearPendingAsync(lease.DeploymentId, cancellationToken);
            var reason = string.Join(" ", started.Errors.Select(e => e.Message));
            LogNotStarted(server.Name, reason);
            return LeaseExtensionOutcome.Conflicting($"The extension could not be put to an approver: {reason}");
        }

        await store.SetPendingInstanceAsync(lease.DeploymentId, started.Value.InstanceId, cancellationToken);
        return new LeaseExtensionOutcome(LeaseExtensionKind.AwaitingApproval, await store.FindByServerAsync(server.Id, cancellationToken), [], started.Value.InstanceId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lease of {Server} extended by {User} to {Until}")]
    private partial void LogExtended(string server, string user, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Error, Message = "The lease-extension workflow of {Server} did not start: {Reason}")]
    private partial void LogNotStarted(string server, string reason);
}
