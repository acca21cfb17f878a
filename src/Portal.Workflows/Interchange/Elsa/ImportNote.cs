namespace Portal.Workflows.Interchange.Elsa;

/// <summary>Something the admin should review on an imported activity (by its Elsa id): an approximation or an input left out.</summary>
public sealed record ImportNote(string ElsaId, string Message);
