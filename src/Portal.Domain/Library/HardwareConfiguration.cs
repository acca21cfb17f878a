namespace Portal.Domain.Library;

/// <summary>The hardware one deployment gets: a template instantiated with the requester's choices.</summary>
public sealed record HardwareConfiguration(
    IReadOnlyList<ConcreteResource> Resources, CpuArchitecture Architecture, FirmwareType Firmware)
{
    public int Vcpus => (int)Resources.Where(r => r.Type == ResourceType.Processor).Sum(r => r.Amount.Value);

    public Quantity Memory => Total(ResourceType.Memory);

    public Quantity TotalDisk => Total(ResourceType.Disk);

    public IEnumerable<ConcreteResource> OfType(ResourceType type) => Resources.Where(r => r.Type == type);

    public string Summary() => HardwareSummary.Describe(Resources.Select(r => (r.Type, r.Amount)));

    /// <summary>Equal when the same resources in the same order, whatever units they were written in.</summary>
    public bool Equals(HardwareConfiguration? other) =>
        other is not null && Architecture == other.Architecture && Firmware == other.Firmware
        && Resources.SequenceEqual(other.Resources);

    public override int GetHashCode() => HashCode.Combine(Architecture, Firmware, Resources.Count);

    private Quantity Total(ResourceType type) =>
        new Quantity(Resources.Where(r => r.Type == type).Sum(r => r.Amount.Normalized), ResourceUnit.Byte).In(ResourceUnit.MiB);
}
