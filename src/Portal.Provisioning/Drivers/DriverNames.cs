namespace Portal.Provisioning.Drivers;

/// <summary>The drivers that keep key records, as named in the shared table.</summary>
public static class DriverNames
{
    public const string Simulated = nameof(Simulated);
    public const string Kvm = nameof(Kvm);
    public const string BareMetal = nameof(BareMetal);
}
