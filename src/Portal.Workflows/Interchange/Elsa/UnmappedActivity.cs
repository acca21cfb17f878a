namespace Portal.Workflows.Interchange.Elsa;

/// <summary>
/// An Elsa activity the import has no equivalent for, by its Elsa type and id. It is kept in the draft under
/// <see cref="ImportedAs"/> with its Elsa type, position and connections, so the admin sees and replaces it; a draft
/// holding one cannot be published (the type is unknown to the portal).
/// </summary>
public sealed record UnmappedActivity(string ElsaId, string ElsaType, string ImportedAs);
