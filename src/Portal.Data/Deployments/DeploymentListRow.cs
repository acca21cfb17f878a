using Portal.Domain.Deployments;
using Portal.Workflows.Runtime;

namespace Portal.Data.Deployments;

/// <summary>One deployment as a list shows it: its own document, its workflow's status (and fault), and the server it built.</summary>
public sealed record DeploymentListRow(Deployment Deployment, WorkflowStatus? InstanceStatus, string? FaultMessage, DeployedServer? Server);
