namespace Portal.Data.Deployments;

/// <summary>A deployment's image-writer session, as stored (see <see cref="Provisioning.Deployments.WriterSession"/>).</summary>
public sealed class WriterSessionRecord
{
    public Guid DeploymentId { get; set; }

    public string WriteKey { get; set; } = "";

    public int Boots { get; set; }

    public DateTimeOffset? BootedAt { get; set; }

    public bool? CallbackSucceeded { get; set; }

    public string? CallbackMessage { get; set; }

    public string? CallbackDiskLocation { get; set; }

    public DateTimeOffset? CalledBackAt { get; set; }

    public int Callbacks { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }

    public DateTimeOffset? TimedOutAt { get; set; }

    public Guid Revision { get; set; }
}
