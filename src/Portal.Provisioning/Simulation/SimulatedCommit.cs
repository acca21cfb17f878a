namespace Portal.Provisioning.Simulation;

/// <summary>How writing an act ended.</summary>
public enum SimulatedCommit
{
    Committed,

    /// <summary>Another node recorded the key first: nothing was written; its result stands.</summary>
    KeyTaken,

    /// <summary>The machine changed since it was read: nothing was written; read it again and redo the act.</summary>
    MachineChanged,
}
