namespace Portal.Provisioning.Simulation;

/// <summary>The fault a simulated image writer was booted with (chosen from the booting node's fault injection).</summary>
public enum SimulatedWriterFault
{
    None,

    /// <summary>It reports a failed write (<see cref="SimulatedStep.ImageWriter"/>).</summary>
    WriteFails,

    /// <summary>It never calls back, as a server that did not boot (<see cref="SimulatedStep.ImageWriterCallback"/>).</summary>
    NeverCallsBack,
}
