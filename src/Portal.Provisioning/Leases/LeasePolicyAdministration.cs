using Portal.Domain.Audit;
using Portal.Domain.Leases;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;

namespace Portal.Provisioning.Leases;

/// <summary>
/// Admins set and remove lease policies: the default, one per image, one per role. Terms are checked, the image or
/// role must exist, and every change is audited. A change applies to servers deployed afterwards (a lease keeps the
/// terms it was opened with).
/// </summary>
public sealed class LeasePolicyAdministration(ILeaseStore store, IImageCatalog library, IAuditLog audit, TimeProvider clock)
{
    public Task<IReadOnlyList<LeasePolicy>> ListAsync(CancellationToken cancellationToken) => store.PoliciesAsync(cancellationToken);

    public async Task<ValidationResult<LeasePolicy>> SaveAsync(LeasePolicyScope scope, string? subject, LeaseTerms terms, string by, CancellationToken cancellationToken)
    {
        var named = await SubjectAsync(scope, subject, cancellationToken);
        if (!named.IsValid)
        {
            return ValidationResult<LeasePolicy>.Failure(named.Errors);
        }

        var errors = terms.Validate();
        if (errors.Count > 0)
        {
            return ValidationResult<LeasePolicy>.Failure(errors);
        }

        var (key, name) = named.Value;
        var policy = new LeasePolicy { Scope = scope, Subject = key, SubjectName = name, Terms = terms, UpdatedBy = by, UpdatedAt = clock.GetUtcNow() };
        await audit.RecordWithAsync(
            new AuditEntry(AuditAction.LeasePolicyChanged, new AuditTarget(AuditTarget.LeasePolicyType, policy.Key, policy.Describe()), $"Set: {terms}."),
            async () =>
            {
                await store.SavePolicyAsync(policy, cancellationToken);
                return true;
            }, saved => saved, cancellationToken);
        return ValidationResult<LeasePolicy>.Success(policy);
    }

    /// <summary>False when there was no such policy.</summary>
    public async Task<bool> RemoveAsync(LeasePolicyScope scope, string subject, CancellationToken cancellationToken)
    {
        var key = LeasePolicy.KeyOf(scope, subject);
        var policy = new LeasePolicy { Scope = scope, Subject = subject, Terms = LeaseTerms.PortalDefault };
        return await audit.RecordWithAsync(
            new AuditEntry(AuditAction.LeasePolicyChanged, new AuditTarget(AuditTarget.LeasePolicyType, key, policy.Describe()), "Removed."),
            () => store.DeletePolicyAsync(scope, subject, cancellationToken), removed => removed, cancellationToken);
    }

    /// <summary>The subject as stored (an image id in one format, a role by its canonical name) and as people read it.</summary>
    private async Task<ValidationResult<(string Key, string Name)>> SubjectAsync(LeasePolicyScope scope, string? subject, CancellationToken cancellationToken)
    {
        switch (scope)
        {
            case LeasePolicyScope.Default:
                return ValidationResult<(string, string)>.Success(("", "every server"));
            case LeasePolicyScope.Image when Guid.TryParse(subject, out var imageId):
                return await library.FindImageAsync(imageId, cancellationToken) is { } image
                    ? ValidationResult<(string, string)>.Success((imageId.ToString(), $"{image.Name} {image.Version}"))
                    : ValidationResult<(string, string)>.Failure("subject", $"There is no image {imageId}.");
            case LeasePolicyScope.Image:
                return ValidationResult<(string, string)>.Failure("subject", "An image policy names the image by its id.");
            default:
                var role = PortalRoles.All.FirstOrDefault(r => string.Equals(r, subject, StringComparison.OrdinalIgnoreCase));
                return role is null
                    ? ValidationResult<(string, string)>.Failure("subject", $"There is no role '{subject}': one of {string.Join(", ", PortalRoles.All)}.")
                    : ValidationResult<(string, string)>.Success((role, role));
        }
    }
}
