namespace Portal.Provisioning;

public enum DriverMode
{
    Simulated,
    Real,
}
