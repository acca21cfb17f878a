namespace Portal.Provisioning.Deployments;

public enum CallbackReceiptKind
{
    /// <summary>Recorded, and the deployment waiting for it was resumed (202).</summary>
    Resumed,

    /// <summary>A repeat: the write's outcome was recorded already and the deployment took it; nothing runs again (200).</summary>
    AlreadyRecorded,

    /// <summary>Recorded, after the deployment stopped waiting (it timed out or was cancelled); nothing runs (200).</summary>
    Late,

    /// <summary>Recorded, but the deployment has not reached its wait yet: the writer calls again a little later (503).</summary>
    NotWaitingYet,

    /// <summary>No image writer was booted for this deployment (404).</summary>
    Unknown,
}
