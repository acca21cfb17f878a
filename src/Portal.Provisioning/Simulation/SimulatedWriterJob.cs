using Portal.Domain.Library;

namespace Portal.Provisioning.Simulation;

/// <summary>
/// An image writer booted on a simulated bare-metal server. It runs "on the server", not in the portal process that
/// booted it: the job is a row any node plays when it is due, so the writer survives the death of that node and calls
/// back through an outage, retrying with backoff until the portal answers.
/// </summary>
public sealed record SimulatedWriterJob
{
    public required Guid Id { get; init; }

    public required Guid DeploymentId { get; init; }

    public required string Machine { get; init; }

    /// <summary>The idempotency key of the boot that started it.</summary>
    public required string Key { get; init; }

    public required Guid ArtifactId { get; init; }

    public string? ArtifactSha256 { get; init; }

    public required string DiskLocation { get; init; }

    public SimulatedWriterFault Fault { get; init; }

    public SimulatedWriterState State { get; init; }

    public required DateTimeOffset BootedAt { get; init; }

    public required string BootedBy { get; init; }

    /// <summary>When the writer acts next: the end of the write, then each callback attempt.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Callback attempts that failed so far.</summary>
    public int Attempts { get; init; }

    /// <summary>The node playing the writer now, until <see cref="ClaimedUntil"/>.</summary>
    public string? ClaimedBy { get; init; }

    public DateTimeOffset? ClaimedUntil { get; init; }

    /// <summary>What the writer reports (set when the write ends).</summary>
    public bool? Succeeded { get; init; }

    public string? Message { get; init; }

    /// <summary>What the portal answered the last callback.</summary>
    public string? LastAnswer { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
