namespace Portal.Data.Simulation;

/// <summary>One entry of the simulated datacenter's operation log, as stored; the id orders the log.</summary>
public sealed class SimulatedOperationRecord
{
    public long Id { get; set; }

    public string Step { get; set; } = "";

    public string Machine { get; set; } = "";

    public string? Key { get; set; }

    public bool Succeeded { get; set; }

    public bool Redelivered { get; set; }

    public string Detail { get; set; } = "";

    public string Node { get; set; } = "";

    public DateTimeOffset At { get; set; }
}
