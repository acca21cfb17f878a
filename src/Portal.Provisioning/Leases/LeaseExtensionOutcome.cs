using Portal.Domain.Leases;
using Portal.Domain.Validation;

namespace Portal.Provisioning.Leases;

/// <summary>What became of an extension: the lease as it is now, the approval workflow started, or why not.</summary>
public sealed record LeaseExtensionOutcome(LeaseExtensionKind Kind, ServerLease? Lease, IReadOnlyList<ValidationError> Errors, string? InstanceId = null)
{
    public static LeaseExtensionOutcome Refused(string field, string message) => new(LeaseExtensionKind.Invalid, null, [new(field, message)]);

    public static LeaseExtensionOutcome Conflicting(string message) => new(LeaseExtensionKind.Conflict, null, [new("lease", message)]);

    public static LeaseExtensionOutcome Missing(Guid serverId) => new(LeaseExtensionKind.NotFound, null, [new("serverId", $"There is no server {serverId} with a lease.")]);
}
