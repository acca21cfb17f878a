using Microsoft.Extensions.Logging;
using Portal.Domain.Audit;
using Portal.Domain.Deployments;
using Portal.Domain.Requests;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Quotas;
using Portal.Workflows.Activities.BuiltIn;
using Portal.Workflows.Hosting;

namespace Portal.Provisioning.Requests;

/// <summary>
/// What happens to a request after submission: the workflow moves it on (approved, provisioning, finished), a
/// rejection or a withdrawal gives back everything its deployments held (host names, reservations, the requester's
/// quota), a failure gives back the quota share of every server that did not come up, and a failed request completes
/// when an admin's retry brings its last server up. Every step is safe to run twice.
/// </summary>
public sealed partial class RequestLifecycle(
    IRequestStore requests, IDeploymentStore deployments, Provisioner provisioner, WorkflowEngine engine, QuotaPolicy quotas,
    TimeProvider clock, IAuditLog audit, RequestNotifications notifications, ILogger<RequestLifecycle> logger)
{
    /// <summary>
    /// Moves the request to <paramref name="status"/>. Rejected and Cancelled end its deployments and give back what
    /// they held. <see cref="RequestStatus.Completed"/> and <see cref="RequestStatus.Failed"/> are what the caller
    /// says; <see cref="FinishAsync"/> decides between them from the deployments instead.
    /// </summary>
    public async Task<ServerRequest> MoveAsync(Guid requestId, RequestStatus status, string? message, CancellationToken cancellationToken)
    {
        var moved = await requests.UpdateAsync(requestId, r => r.MoveTo(status, message, clock.GetUtcNow()), cancellationToken);
        if (moved.Status is RequestStatus.Rejected or RequestStatus.Cancelled && moved.Status == status)
        {
            await GiveBackAsync(moved, status == RequestStatus.Rejected ? "The request was rejected." : "The request was withdrawn.", cancellationToken);
            await quotas.ReleaseAllAsync(moved, cancellationToken);
        }
        else if (moved.Status == RequestStatus.Failed && status == RequestStatus.Failed)
        {
            // The servers that run keep their share; an admin's retry of a failed one reserves its share again.
            await quotas.ReleaseFailedAsync(moved, cancellationToken);
        }

        LogMoved(requestId, moved.Status);
        if (moved.Status == status)
        {
            await notifications.MovedAsync(moved, cancellationToken);
        }

        return moved;
    }

    /// <summary>Completed when every deployment completed; otherwise Failed, saying which servers failed and why.</summary>
    public async Task<ServerRequest> FinishAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(requestId, cancellationToken) ?? throw new InvalidOperationException($"There is no request {requestId}.");
        var failures = new List<string>();
        foreach (var id in request.DeploymentIds)
        {
            var deployment = await deployments.FindAsync(id, cancellationToken);
            if (deployment is not { Status: DeploymentStatus.Completed })
            {
                failures.Add($"{deployment?.Hostname ?? id.ToString()}: {deployment?.Error ?? $"the deployment is {deployment?.Status.ToString() ?? "gone"}"}");
            }
        }

        return failures.Count == 0
            ? await MoveAsync(requestId, RequestStatus.Completed, null, cancellationToken)
            : await MoveAsync(requestId, RequestStatus.Failed, string.Join(" · ", failures), cancellationToken);
    }

    /// <summary>A deployment of a failed request was retried and completed: the request completes once all of them have.</summary>
    public async Task DeploymentFinishedAsync(Guid deploymentId, CancellationToken cancellationToken)
    {
        if (await deployments.FindAsync(deploymentId, cancellationToken) is { RequestId: { } requestId }
            && await requests.FindAsync(requestId, cancellationToken) is { Status: RequestStatus.Failed })
        {
            await FinishAsync(requestId, cancellationToken);
        }
    }

    /// <summary>
    /// The requester (or an admin) withdraws a request that is still waiting for approval: its workflow is cancelled
    /// — refused if an approval moved it on meanwhile — and whatever it held is given back.
    /// </summary>
    public async Task<ValidationResult<ServerRequest>> CancelAsync(Guid requestId, string user, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(requestId, cancellationToken);
        if (request is null)
        {
            return ValidationResult<ServerRequest>.Failure("id", $"There is no request {requestId}.");
        }

        if (!request.IsCancellable)
        {
            return ValidationResult<ServerRequest>.Failure("status", Uncancellable(request.Status));
        }

        if (request.WorkflowInstanceId is { } instanceId)
        {
            var cancelled = await engine.CancelAsync(instanceId, cancellationToken, state =>
                state.Bookmarks.Any(b => b.Name == RunWorkflowActivity.BookmarkName)
                    ? Uncancellable(RequestStatus.Provisioning)
                    : state.Bookmarks.Any(b => b.Name == UserTaskActivity.BookmarkName) ? null : Uncancellable(RequestStatus.Provisioning));
            if (!cancelled.IsValid)
            {
                return ValidationResult<ServerRequest>.Failure(cancelled.Errors);
            }
        }

        return ValidationResult<ServerRequest>.Success(await audit.RecordWithAsync(
            new AuditEntry(AuditAction.RequestCancelled, AuditTarget.Request(requestId, request.ImageName), $"Withdrawn while {request.Status}."),
            () => MoveAsync(requestId, RequestStatus.Cancelled, $"Withdrawn by {user}.", cancellationToken), moved => moved.Status == RequestStatus.Cancelled, cancellationToken));
    }

    private async Task GiveBackAsync(ServerRequest request, string reason, CancellationToken cancellationToken)
    {
        foreach (var id in request.DeploymentIds)
        {
            if (await deployments.FindAsync(id, cancellationToken) is not { } deployment)
            {
                continue;
            }

            if (deployment.ReservationId is not null)
            {
                await provisioner.ReleaseAsync(id, cancellationToken);
            }

            // Freed before the status says Cancelled, so whoever sees Cancelled may reuse the name at once.
            await deployments.ReleaseHostnameAsync(id, cancellationToken);
            if (deployment.Status is DeploymentStatus.Pending or DeploymentStatus.Running)
            {
                await deployments.UpdateAsync(id, d => d with { Status = DeploymentStatus.Cancelled, Error = reason, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
            }
        }
    }

    private static string Uncancellable(RequestStatus status) => status switch
    {
        RequestStatus.Provisioning or RequestStatus.Approved =>
            "Its servers are being deployed already: once they run, decommission them from My servers.",
        RequestStatus.Completed => "It is complete: decommission its servers from My servers instead.",
        _ => $"It is {status} already.",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} is {Status}")]
    private partial void LogMoved(Guid requestId, RequestStatus status);
}
