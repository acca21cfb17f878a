using Portal.Domain.Quotas;
using Portal.Provisioning.Quotas;

namespace Portal.Web.Quotas;

/// <summary>
/// A role's or a user's quota over HTTP: <c>kind</c> is "role" or "user"; <c>limits</c> null when none is set (then
/// nothing is limited for a role; for a user, their roles' limits hold, see <c>effective</c>).
/// </summary>
public sealed record QuotaView(string Kind, string Name, QuotaBody? Limits, DateTimeOffset? UpdatedAt, string? UpdatedBy, QuotaStatement? Effective = null)
{
    public static string KindName(QuotaSubjectKind kind) => kind == QuotaSubjectKind.Role ? "role" : "user";

    public static QuotaView Of(QuotaSubject subject, QuotaDefinition? definition, QuotaStatement? effective = null) => new(
        KindName(subject.Kind), subject.Name, definition is null ? null : QuotaBody.Of(definition.Limits), definition?.UpdatedAt, definition?.UpdatedBy, effective);
}
