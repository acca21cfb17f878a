namespace Portal.Provisioning.Deployments;

/// <summary>What the image writer reports when it is done: success, or the reason it failed.</summary>
public sealed record DeploymentCallback(bool Succeeded, string? Message = null, string? DiskLocation = null);
