namespace Portal.Web.Shell;

/// <summary>What one role can do next, as the home page tells it.</summary>
public sealed record RoleGuide(string Role, string Title, string Summary, IReadOnlyList<GuideAction> Actions);

/// <summary>A next step. Without <see cref="Href"/> it is announced but not yet part of this installation.</summary>
public sealed record GuideAction(string Text, string? Href = null);
