namespace Portal.Workflows.Definitions.Format;

/// <summary>
/// A member being checked: where it is (<see cref="Field"/>, a path such as <c>activities[2].retry.maxAttempts</c>),
/// what holds it (<see cref="Owner"/>, "the definition" or a path) and its documentation, for messages.
/// </summary>
public sealed record FormatMember(string Field, string Owner, string Title, string Description);
