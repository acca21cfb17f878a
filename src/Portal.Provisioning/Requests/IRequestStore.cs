using Portal.Domain.Requests;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Quotas;

namespace Portal.Provisioning.Requests;

/// <summary>Requests for servers, with the deployments they became.</summary>
public interface IRequestStore
{
    /// <summary>
    /// Records the request, its deployments (secrets protected apart) and their host-name claims in one transaction.
    /// Returns the names other servers or requests hold already — nothing is recorded then — else nothing.
    /// </summary>
    Task<IReadOnlyList<string>> CreateAsync(ServerRequest request, IReadOnlyList<PreparedDeployment> deployments, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="CreateAsync(ServerRequest, IReadOnlyList{PreparedDeployment}, CancellationToken)"/>, and in the same
    /// transaction reserves the requester's quota (<paramref name="hold"/>: one share per deployment) by a conditional
    /// update; over quota, nothing is recorded and the result says what the requester held.
    /// </summary>
    Task<RequestCreation> CreateAsync(ServerRequest request, IReadOnlyList<PreparedDeployment> deployments, QuotaHold? hold, CancellationToken cancellationToken);

    Task<ServerRequest?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Applies a change to the stored request (read, change, write under its concurrency token; retried on conflict).</summary>
    Task<ServerRequest> UpdateAsync(Guid id, Func<ServerRequest, ServerRequest> change, CancellationToken cancellationToken);

    /// <summary>A page of requests, filtered and sorted in the database.</summary>
    Task<RequestPage> ListAsync(RequestQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<ServerRequest>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}
