namespace Portal.Provisioning.Simulation;

/// <summary>Where a simulated image writer is: writing, calling the portal back (again, after a failed call), done, or given up.</summary>
public enum SimulatedWriterState
{
    Writing,
    CallingBack,
    Delivered,
    Abandoned,
}
