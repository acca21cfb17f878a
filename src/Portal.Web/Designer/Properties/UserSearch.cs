namespace Portal.Web.Designer.Properties;

/// <summary>Finds portal users (by e-mail or name) for the user picker; returns their e-mails, which user tasks match on.</summary>
public delegate Task<IReadOnlyList<string>> UserSearch(string? text, CancellationToken cancellationToken);
