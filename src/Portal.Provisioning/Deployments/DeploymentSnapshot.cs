using Portal.Domain.Deployments;
using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Provisioning.Deployments;

/// <summary>Everything a step needs about its deployment, read fresh for each step: the record, image, plan and machine.</summary>
internal sealed record DeploymentSnapshot(
    Deployment Deployment, MasterImage Image, DeploymentPlan? Plan, DeployedServer? Server, HypervisorHost? Host, PhysicalServer? PhysicalServer);
