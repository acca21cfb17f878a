namespace Portal.Web.Workflows;

/// <summary>What a change to a draft answers: the definition, its revision now (send it as If-Match next time) and when it was saved.</summary>
public sealed record DraftRef(string Id, long Revision, DateTimeOffset SavedAt);
