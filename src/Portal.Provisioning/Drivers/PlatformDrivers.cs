namespace Portal.Provisioning.Drivers;

/// <summary>The drivers of one platform technology, one per capability. Bare metal has no VM driver.</summary>
public sealed record PlatformDrivers(
    IVirtualMachineDriver? VirtualMachines, IImageWriter Writer, ISoftwareConfigurator Configurator, IPowerDriver Power, ICaptureDriver Capture);
