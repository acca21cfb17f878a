namespace Portal.Provisioning.Simulation;

/// <summary>One thing the simulated datacenter did (or refused): what tests and the demo's log read back.</summary>
public sealed record SimulatedOperation(string Step, string Machine, string? Key, bool Succeeded, string Detail);
