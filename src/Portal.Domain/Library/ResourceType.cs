namespace Portal.Domain.Library;

/// <summary>The kinds of hardware a template asks for. Mirrors the CIM ResourceType values OVF uses.</summary>
public enum ResourceType
{
    Processor,
    Memory,
    Disk,
    NetworkAdapter,
    Gpu,
}
