namespace Portal.Domain.Quotas;

/// <summary>Whom a quota is set for: everyone holding a role, or one person.</summary>
public enum QuotaSubjectKind
{
    Role,
    User,
}
