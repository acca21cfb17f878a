namespace Portal.Domain.Library;

/// <summary>One step of a deployment plan, with the sentence a requester's timeline shows for it.</summary>
public sealed record DeploymentStep(int Order, DeploymentStepKind Kind, string Description);
