using Portal.Provisioning.Simulation;

namespace Portal.Data.Simulation;

/// <summary>A simulated image writer, as stored (see <see cref="SimulatedWriterJob"/>).</summary>
public sealed class SimulatedWriterRecord
{
    public Guid Id { get; set; }

    public Guid DeploymentId { get; set; }

    public string Machine { get; set; } = "";

    public string Key { get; set; } = "";

    public Guid ArtifactId { get; set; }

    public string? ArtifactSha256 { get; set; }

    public string DiskLocation { get; set; } = "";

    public SimulatedWriterFault Fault { get; set; }

    public SimulatedWriterState State { get; set; }

    public DateTimeOffset BootedAt { get; set; }

    public string BootedBy { get; set; } = "";

    public DateTimeOffset DueAt { get; set; }

    public int Attempts { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public bool? Succeeded { get; set; }

    public string? Message { get; set; }

    public string? LastAnswer { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public Guid Revision { get; set; }
}
