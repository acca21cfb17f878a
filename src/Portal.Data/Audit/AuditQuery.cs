using Portal.Domain.Audit;

namespace Portal.Data.Audit;

/// <summary>
/// A filter on the audit log: from (inclusive) and to (exclusive) instants, an actor (user id, or part of the name or
/// display name, any case), an action; and for pages, a 1-based page of <see cref="PageSize"/> records.
/// </summary>
public sealed record AuditQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? Actor { get; init; }

    public AuditAction? Action { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;
}
