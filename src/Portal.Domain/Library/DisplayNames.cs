using Portal.Domain.Inventory;

namespace Portal.Domain.Library;

/// <summary>
/// The names people read for the metamodel's values: "x86-64", "BIOS", "Redfish virtual media", "qcow2". Pages,
/// compatibility reasons, plan steps and provenance all take them from here, so an identifier such as
/// <c>X86_64</c> never reaches a person. The identifiers themselves stay what the API, the database and the
/// portal's OVF section use.
/// </summary>
/// <remarks>
/// The switches have no discard arm on purpose: a value added to an enum without a name here is a compile error
/// (CS8509, with warnings as errors). Only a number cast to the enum outside its named values falls through, and
/// that is a bug worth the exception.
/// </remarks>
#pragma warning disable CS8524 // Unnamed values (casts of arbitrary numbers) are deliberately not handled.
public static class DisplayNames
{
    public static string Of(PlatformTechnology technology) => technology switch
    {
        PlatformTechnology.Pxe => "PXE",
        PlatformTechnology.RedfishVirtualMedia => "Redfish virtual media",
        PlatformTechnology.Kvm => "KVM",
        PlatformTechnology.VSphere => "vSphere",
        PlatformTechnology.HyperV => "Hyper-V",
        PlatformTechnology.VirtualBox => "VirtualBox",
        PlatformTechnology.Simulated => "Simulated",
    };

    public static string Of(PlatformDriver driver) => driver switch
    {
        PlatformDriver.Simulated => "Simulated",
        PlatformDriver.Libvirt => "libvirt",
        PlatformDriver.Redfish => "Redfish bare metal",
    };

    public static string Of(PlatformKind kind) => kind switch
    {
        PlatformKind.Physical => "Physical",
        PlatformKind.Virtual => "Virtual",
    };

    /// <summary>"x86-64" as AMD and Intel write it; "ARM64" rather than the kernel's "aarch64".</summary>
    public static string Of(CpuArchitecture architecture) => architecture switch
    {
        CpuArchitecture.X86_64 => "x86-64",
        CpuArchitecture.Aarch64 => "ARM64",
    };

    public static string Of(FirmwareType firmware) => firmware switch
    {
        FirmwareType.Bios => "BIOS",
        FirmwareType.Uefi => "UEFI",
    };

    /// <summary>As the tools that make the files name them: qemu-img's "qcow2" and "raw", VMware's "VMDK", Microsoft's "VHD".</summary>
    public static string Of(DiskFormat format) => format switch
    {
        DiskFormat.Raw => "raw",
        DiskFormat.Qcow2 => "qcow2",
        DiskFormat.Vmdk => "VMDK",
        DiskFormat.Vhdx => "VHDX",
        DiskFormat.Vpc => "VHD",
        DiskFormat.Vdi => "VDI",
        DiskFormat.Wim => "WIM",
    };

    public static string Of(DiskBus bus) => bus switch
    {
        DiskBus.Virtio => "virtio",
        DiskBus.Scsi => "SCSI",
        DiskBus.Sata => "SATA",
        DiskBus.Ide => "IDE",
        DiskBus.Nvme => "NVMe",
    };

    public static string Of(ResourceType type) => type switch
    {
        ResourceType.Processor => "Processor",
        ResourceType.Memory => "Memory",
        ResourceType.Disk => "Disk",
        ResourceType.NetworkAdapter => "Network adapter",
        ResourceType.Gpu => "GPU",
    };

    public static string Of(OsFamily family) => family switch
    {
        OsFamily.Linux => "Linux",
        OsFamily.Windows => "Windows",
        OsFamily.Other => "Other",
    };

    public static string Of(CaptureSource source) => source switch
    {
        CaptureSource.Physical => "Physical",
        CaptureSource.Virtual => "Virtual",
    };

    /// <summary>What a requester types into a parameter of the type.</summary>
    public static string Of(ParameterType type) => type switch
    {
        ParameterType.String => "Text",
        ParameterType.Int => "Whole number",
        ParameterType.Bool => "Yes or no",
        ParameterType.Ip => "IP address",
        ParameterType.Hostname => "Host name",
        ParameterType.Secret => "Secret",
    };

    public static string Of(ImageLifecycle lifecycle) => lifecycle switch
    {
        ImageLifecycle.Draft => "Draft",
        ImageLifecycle.Published => "Published",
        ImageLifecycle.Deprecated => "Deprecated",
        ImageLifecycle.Retired => "Retired",
    };

    public static string Of(ServerState state) => state switch
    {
        ServerState.Available => "Available",
        ServerState.Reserved => "Reserved",
        ServerState.Deploying => "Deploying",
        ServerState.InUse => "In use",
        ServerState.Maintenance => "Maintenance",
        ServerState.Failed => "Failed",
    };

    /// <summary>Inside a sentence: "a network adapter", "is in use"; acronyms stay as they are ("a GPU").</summary>
    public static string InSentence(ResourceType type) => Lowered(Of(type));

    /// <inheritdoc cref="InSentence(ResourceType)"/>
    public static string InSentence(PlatformKind kind) => Lowered(Of(kind));

    /// <inheritdoc cref="InSentence(ResourceType)"/>
    public static string InSentence(ImageLifecycle lifecycle) => Lowered(Of(lifecycle));

    /// <inheritdoc cref="InSentence(ResourceType)"/>
    public static string InSentence(ServerState state) => Lowered(Of(state));

    /// <summary>A common noun's first letter in lower case; a word whose second letter is a capital is an acronym and stays.</summary>
    private static string Lowered(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && !char.IsUpper(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;
}
#pragma warning restore CS8524
