using Portal.Workflows.Definitions;

namespace Portal.Web.Designer;

/// <summary>One step of the undo stack: what the edit was called and the definition before and after it.</summary>
public sealed record DesignerEdit(string Description, WorkflowDefinition Before, WorkflowDefinition After);
