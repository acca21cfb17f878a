namespace Portal.Provisioning.Deployments;

/// <summary>What the portal made of an image writer's callback, and so what it answers the writer.</summary>
public sealed record CallbackReceipt(CallbackReceiptKind Kind, DeploymentCallback? Recorded, string Message)
{
    /// <summary>True when the writer is done calling: the callback is recorded and needs no repeat.</summary>
    public bool IsFinal => Kind is not CallbackReceiptKind.NotWaitingYet;
}
