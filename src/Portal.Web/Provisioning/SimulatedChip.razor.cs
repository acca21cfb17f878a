namespace Portal.Web.Provisioning;

/// <summary>Marks a server or platform the simulated datacenter plays, so nobody mistakes it for a real machine.</summary>
public sealed partial class SimulatedChip;
