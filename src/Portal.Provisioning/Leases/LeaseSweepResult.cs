namespace Portal.Provisioning.Leases;

/// <summary>What one scan did: leases bound to their new servers, reminders sent, decommissions started, ends announced.</summary>
public sealed record LeaseSweepResult(int Bound, int Reminded, int Decommissioned, int Announced)
{
    public bool DidAnything => Bound + Reminded + Decommissioned + Announced > 0;
}
