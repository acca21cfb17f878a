namespace Portal.Provisioning.Drivers;

/// <summary>What a bare-metal write needs to hand the machine to the image writer: the deployment and its secret boot URL.</summary>
public sealed record BootRequest(Guid DeploymentId, Uri ScriptUrl, Uri CallbackUrl);
