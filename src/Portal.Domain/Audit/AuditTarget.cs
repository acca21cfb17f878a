namespace Portal.Domain.Audit;

/// <summary>What an audited action was done to: a kind of thing (see the constants), its id and its name at the time.</summary>
public sealed record AuditTarget(string Type, string Id, string Name)
{
    public const string RequestType = "request";
    public const string WorkflowType = "workflow";
    public const string ServerType = "server";
    public const string HostType = "host";
    public const string PlatformType = "platform";
    public const string AccountType = "account";
    public const string TokenType = "token";
    public const string TaskType = "task";
    public const string QuotaType = "quota";

    public const string LeasePolicyType = "lease-policy";

    public static AuditTarget Request(Guid id, string name) => new(RequestType, id.ToString(), name);

    public static AuditTarget Workflow(string id, string name) => new(WorkflowType, id, name);

    public static AuditTarget Server(Guid id, string name) => new(ServerType, id.ToString(), name);

    public static AuditTarget Host(Guid id, string name) => new(HostType, id.ToString(), name);

    public static AuditTarget Platform(Guid id, string name) => new(PlatformType, id.ToString(), name);

    /// <summary>An account by the name someone typed (a failed sign-in may name an account that does not exist).</summary>
    public static AuditTarget Account(string? id, string name) => new(AccountType, id ?? "", name);

    public static AuditTarget Token(string id, string name) => new(TokenType, id, name);

    /// <summary>A quota by its subject ("role Requester", "user riya@example.com") and the role's or user's name.</summary>
    public static AuditTarget Quota(string subject, string name) => new(QuotaType, subject, name);
}
