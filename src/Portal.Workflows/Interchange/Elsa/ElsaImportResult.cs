using Portal.Workflows.Definitions;

namespace Portal.Workflows.Interchange.Elsa;

/// <summary>An Elsa 3 definition as a portal definition, with every activity that could not be mapped and what to review.</summary>
public sealed record ElsaImportResult(WorkflowDefinition Definition, IReadOnlyList<UnmappedActivity> Unmapped, IReadOnlyList<ImportNote> Notes);
