using Portal.Domain.Library;

namespace Portal.Domain.Deployments;

/// <summary>One step of a deployment's plan and how far it got: the live step list a deployment page shows.</summary>
public sealed record DeploymentStepProgress(
    DeploymentStepKind Kind, string Description, StepState State = StepState.Pending,
    DateTimeOffset? StartedAt = null, DateTimeOffset? FinishedAt = null, string? Detail = null);
