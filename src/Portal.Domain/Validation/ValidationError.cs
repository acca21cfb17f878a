namespace Portal.Domain.Validation;

/// <summary>
/// One thing a user must fix, keyed by the field it concerns (a path such as <c>requirements[1].maximum</c>),
/// so a form can show it next to that field and an API can return it as problem details.
/// </summary>
public sealed record ValidationError(string Field, string Message);
