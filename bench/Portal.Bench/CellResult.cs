namespace Portal.Bench;

/// <summary>What one engine measured in one cell of one run (a child process), sent to the parent as a RESULT line.</summary>
public sealed record CellResult(
    string Gc, int Run, string Engine, string Scenario, int Callers, int Population, int Count, double Seconds, double PerSecond, double P50, double P95)
{
    public const string Ours = "ours";

    public const string WorkflowCore = "wfc";

    /// <summary>The scenario name of the disk measurement: one committed write (P50 holds its median, ms).</summary>
    public const string DiskCommit = "disk-commit";

    /// <summary>Managed heap per suspended instance after a forced compacting collection (bytes); resume cells only.</summary>
    public double? HeapPerInstance { get; init; }

    public double? WorkingSetPerInstance { get; init; }

    public double? HeapAfterMb { get; init; }

    public double? WorkingSetAfterMb { get; init; }
}
