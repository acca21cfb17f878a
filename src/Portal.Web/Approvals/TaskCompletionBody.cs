namespace Portal.Web.Approvals;

/// <summary>The body of POST /api/tasks/{id}/complete: the decision and, for anything but approval, why.</summary>
public sealed record TaskCompletionBody(string? Outcome, string? Comment);
