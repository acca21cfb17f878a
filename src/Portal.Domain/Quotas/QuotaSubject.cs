namespace Portal.Domain.Quotas;

/// <summary>A role by its name (Requester, Approver, Admin), or a user by their user name (the e-mail address).</summary>
public sealed record QuotaSubject(QuotaSubjectKind Kind, string Name)
{
    public static QuotaSubject Role(string name) => new(QuotaSubjectKind.Role, name);

    public static QuotaSubject User(string name) => new(QuotaSubjectKind.User, name);

    /// <summary>"role Requester", "user riya@example.com": how pages, messages and the audit log name it.</summary>
    public override string ToString() => $"{(Kind == QuotaSubjectKind.Role ? "role" : "user")} {Name}";
}
