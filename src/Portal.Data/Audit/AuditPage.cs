using Portal.Domain.Audit;

namespace Portal.Data.Audit;

/// <summary>One page of the audit log, newest first, with how many records match the filter in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, int TotalCount, int Page, int PageSize);
