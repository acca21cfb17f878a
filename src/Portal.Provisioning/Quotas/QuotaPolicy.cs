using Microsoft.Extensions.Logging;
using Portal.Domain.Audit;
using Portal.Domain.Deployments;
using Portal.Domain.Quotas;
using Portal.Domain.Requests;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;

namespace Portal.Provisioning.Quotas;

/// <summary>
/// Quotas as the portal applies them: the limits that hold for a user, what they hold, the check a submission makes
/// (the reservation itself is part of recording the request: see <see cref="Requests.IRequestStore.CreateAsync(ServerRequest, IReadOnlyList{PreparedDeployment}, QuotaHold?, CancellationToken)"/>),
/// what is given back when, and an admin's changes, audited.
/// </summary>
/// <remarks>
/// Given back: everything a request holds when it is rejected or withdrawn; the shares of its servers that did not
/// come up when it ends Failed (the servers that run keep theirs); a server's share when it is decommissioned. An
/// admin's retry of a failed deployment reserves its share again, checked like a submission: a retry never takes a
/// user past their quota (the admin raises it first if they mean to).
/// </remarks>
public sealed partial class QuotaPolicy(IQuotaStore store, IDeploymentStore deployments, IAuditLog audit, ILogger<QuotaPolicy> logger)
{
    public async Task<EffectiveQuota> EffectiveAsync(string user, CancellationToken cancellationToken)
    {
        var (own, roles) = await store.QuotasOfAsync(user, cancellationToken);
        return EffectiveQuota.Combine(own, roles);
    }

    public async Task<QuotaStatement> StatementAsync(string user, CancellationToken cancellationToken) =>
        QuotaStatement.Of(user, await EffectiveAsync(user, cancellationToken), await store.UsageAsync(user, cancellationToken));

    /// <summary>What the submission of <paramref name="demand"/> will reserve, within the limits that hold for the user now.</summary>
    public async Task<QuotaHold> HoldForAsync(string user, RequestDemand demand, CancellationToken cancellationToken) =>
        new(await EffectiveAsync(user, cancellationToken), QuotaAmounts.PerServer(demand));

    /// <summary>A look ahead (the request's preview): would <paramref name="demand"/> pass now? The submission decides for good.</summary>
    public async Task<IReadOnlyList<ValidationError>> CheckAsync(string user, RequestDemand demand, CancellationToken cancellationToken)
    {
        var quota = await EffectiveAsync(user, cancellationToken);
        return quota.Limits.IsEmpty
            ? []
            : QuotaCheck.Refusals(quota, (await store.UsageAsync(user, cancellationToken)).Held, QuotaAmounts.Of(demand));
    }

    /// <summary>The errors a refused reservation shows, with the numbers.</summary>
    public static IReadOnlyList<ValidationError> Refused(QuotaHold hold, QuotaAmounts held, int servers) =>
        QuotaCheck.Refusals(hold.Quota, held, hold.PerServer.Times(servers)) is { Count: > 0 } refusals
            ? refusals
            // Within the limits again by now (something was given back meanwhile): say so rather than nothing.
            : [new ValidationError("quantity", "Your quota was full a moment ago; try again.")];

    /// <summary>Sets a role's or a user's quota (limits that limit nothing remove it), audited.</summary>
    public async Task<ValidationResult<QuotaDefinition?>> SetAsync(QuotaSubject subject, QuotaLimits limits, string? actor, CancellationToken cancellationToken)
    {
        var errors = limits.Validate().ToList();
        QuotaSubject? known = subject.Kind == QuotaSubjectKind.Role
            ? PortalRoles.All.FirstOrDefault(r => r.Equals(subject.Name, StringComparison.OrdinalIgnoreCase)) is { } role ? QuotaSubject.Role(role) : null
            : await store.FindUserAsync(subject.Name, cancellationToken) is { } user ? QuotaSubject.User(user) : null;
        if (known is null)
        {
            errors.Add(subject.Kind == QuotaSubjectKind.Role
                ? new ValidationError("role", $"There is no role '{subject.Name}'; the roles are {string.Join(", ", PortalRoles.All)}.")
                : new ValidationError("user", $"There is no user '{subject.Name}'."));
        }

        if (errors.Count > 0)
        {
            return ValidationResult<QuotaDefinition?>.Failure(errors);
        }

        var before = await audit.RecordWithAsync(
            new AuditEntry(AuditAction.QuotaChanged, AuditTarget.Quota(known!.ToString(), known.Name), Describe(limits)),
            () => store.SaveAsync(known!, limits, actor, cancellationToken), _ => true, cancellationToken);
        LogChanged(known!.ToString(), Describe(before ?? QuotaLimits.None), Describe(limits));
        return ValidationResult<QuotaDefinition?>.Success(await store.FindAsync(known!, cancellationToken));
    }

    /// <summary>A rejected or withdrawn request gives back everything it holds.</summary>
    public Task<int> ReleaseAllAsync(ServerRequest request, CancellationToken cancellationToken) =>
        store.ReleaseAsync(request.DeploymentIds.ToList(), cancellationToken);

    /// <summary>A request that ended Failed gives back the shares of its servers that did not come up (failed, cancelled, gone).</summary>
    public async Task<int> ReleaseFailedAsync(ServerRequest request, CancellationToken cancellationToken)
    {
        var ended = new List<Guid>();
        foreach (var id in request.DeploymentIds)
        {
            if (await deployments.FindAsync(id, cancellationToken) is not { Status: DeploymentStatus.Completed or DeploymentStatus.Pending or DeploymentStatus.Running })
            {
                ended.Add(id);
            }
        }

        return ended.Count == 0 ? 0 : await store.ReleaseAsync(ended, cancellationToken);
    }

    /// <summary>A decommissioned server gives back its deployment's share.</summary>
    public Task<int> ReleaseServerAsync(Guid deploymentId, CancellationToken cancellationToken) =>
        store.ReleaseAsync([deploymentId], cancellationToken);

    /// <summary>
    /// An admin retries a failed deployment of a request: its share is reserved again (nothing happens when it still
    /// holds it), checked against the requester's quota as a submission is. Refused with the numbers when over.
    /// </summary>
    public async Task<IReadOnlyList<ValidationError>> ReserveForRetryAsync(Deployment deployment, ServerRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return [];
        }

        var hold = await HoldForAsync(request.RequestedBy, request.Demand, cancellationToken);
        var held = await store.TryChargeAsync(request.RequestedBy, request.Id, [deployment.Id], hold.PerServer, hold.Quota.Limits, cancellationToken);
        return held is null ? [] : Refused(hold, held, 1);
    }

    public static string Describe(QuotaLimits limits) => limits.IsEmpty
        ? "No limits."
        : string.Join(", ", Enum.GetValues<QuotaDimension>().Select(d => $"{QuotaText.Unit(d)}: {(limits.Of(d) is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no limit")}")) + ".";

    [LoggerMessage(Level = LogLevel.Information, Message = "Quota of {Subject} changed from {Before} to {After}")]
    private partial void LogChanged(string subject, string before, string after);
}
