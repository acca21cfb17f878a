namespace Portal.Provisioning.Drivers;

/// <summary>
/// The drivers of one platform technology, one per capability. Bare metal has no VM driver; a platform that cannot
/// tell a machine's address has no address reporter (the server then shows none unless its parameters set one). The
/// converter turns an artifact into the format the platform takes (qemu-img for real platforms).
/// </summary>
public sealed record PlatformDrivers(
    IVirtualMachineDriver? VirtualMachines, IImageWriter Writer, ISoftwareConfigurator Configurator, IPowerDriver Power, ICaptureDriver Capture,
    IAddressReporter? Addresses = null, IImageConverter? Converter = null);
