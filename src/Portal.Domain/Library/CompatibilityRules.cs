namespace Portal.Domain.Library;

/// <summary>
/// Decides, from the metamodel alone, whether an image can go to a platform. Nothing here names a pair of
/// technologies: architecture, firmware, formats with their conversions, and sizes decide.
/// </summary>
public static class CompatibilityRules
{
    public static CompatibilityReport Check(MasterImage image, Platform platform)
    {
        var reasons = new List<CompatibilityReason>();
        var notes = new List<string>();
        var capabilities = platform.Capabilities;
        var hardware = image.Hardware;

        if (!capabilities.Architectures.Contains(hardware.Architecture))
        {
            reasons.Add(new(CompatibilityIssue.Architecture,
                $"The image is built for {DisplayNames.Of(hardware.Architecture)}; {platform.Name} runs {string.Join(", ", capabilities.Architectures.Select(DisplayNames.Of))}."));
        }

        if (!capabilities.Firmware.Contains(hardware.Firmware))
        {
            reasons.Add(new(CompatibilityIssue.Firmware,
                $"The image boots with {DisplayNames.Of(hardware.Firmware)}; {platform.Name} offers {string.Join(", ", capabilities.Firmware.Select(DisplayNames.Of))}."));
        }

        CheckProcessor(hardware, platform, reasons, notes);
        CheckMemory(hardware, platform, reasons, notes);

        var (artifact, conversion) = ChooseArtifact(image, capabilities);
        if (artifact is null)
        {
            reasons.Add(new(CompatibilityIssue.DiskFormat,
                $"No artifact is in a format {platform.Name} takes ({string.Join(", ", capabilities.DiskFormats.Select(DisplayNames.Of))}) " +
                $"or can be converted to one; the image has {string.Join(", ", image.Artifacts.Select(a => a.Format).Distinct().Select(DisplayNames.Of))}."));
        }

        var route = image.Original is { } original ? RouteOf(original.Provenance.CapturedFrom, platform.Kind) : (MigrationRoute?)null;
        return new CompatibilityReport(platform, reasons, artifact, conversion, route, notes);
    }

    public static MigrationRoute RouteOf(CaptureSource source, PlatformKind target) => (source, target) switch
    {
        (CaptureSource.Physical, PlatformKind.Virtual) => MigrationRoute.P2V,
        (CaptureSource.Virtual, PlatformKind.Virtual) => MigrationRoute.V2V,
        (CaptureSource.Virtual, PlatformKind.Physical) => MigrationRoute.V2P,
        _ => MigrationRoute.P2P,
    };

    /// <summary>
    /// An artifact the platform takes as it is, in the platform's order of preference; failing that, the
    /// first artifact that converts to a format the platform takes (the original before converted copies).
    /// </summary>
    public static (ImageArtifact? Artifact, ArtifactConversion? Conversion) ChooseArtifact(MasterImage image, PlatformCapabilities capabilities)
    {
        foreach (var format in capabilities.DiskFormats)
        {
            var direct = image.Artifacts.FirstOrDefault(a => a.Format == format);
            if (direct is not null)
            {
                return (direct, null);
            }
        }

        var candidates = image.Artifacts.OrderBy(a => a.ConvertedFrom is null ? 0 : 1);
        foreach (var artifact in candidates)
        {
            foreach (var format in capabilities.DiskFormats)
            {
                if (DiskFormatConversions.CanConvert(artifact.Format, format))
                {
                    return (artifact, new ArtifactConversion(artifact.Id, artifact.Format, format));
                }
            }
        }

        return (null, null);
    }

    private static void CheckProcessor(HardwareTemplate hardware, Platform platform, List<CompatibilityReason> reasons, List<string> notes)
    {
        if (platform.Capabilities.MaxVcpus is not { } max || hardware.Primary(ResourceType.Processor) is not { } cpu)
        {
            return;
        }

        var least = cpu.Minimum ?? cpu.Quantity;
        if (least > max)
        {
            reasons.Add(new(CompatibilityIssue.Processor,
                $"The image needs at least {least:0} vCPU; {platform.Name} gives a server at most {max}."));
        }
        else if (cpu.Maximum > max || cpu.Quantity > max)
        {
            notes.Add($"On {platform.Name} a server gets at most {max} vCPU.");
        }
    }

    private static void CheckMemory(HardwareTemplate hardware, Platform platform, List<CompatibilityReason> reasons, List<string> notes)
    {
        if (platform.Capabilities.MaxMemory is not { } max || hardware.Primary(ResourceType.Memory) is not { } memory)
        {
            return;
        }

        var least = new Quantity(memory.Minimum ?? memory.Quantity, memory.Unit);
        if (least > max)
        {
            reasons.Add(new(CompatibilityIssue.Memory,
                $"The image needs at least {least} of memory; {platform.Name} gives a server at most {max}."));
        }
        else if (new Quantity(Math.Max(memory.Maximum ?? 0, memory.Quantity), memory.Unit) > max)
        {
            notes.Add($"On {platform.Name} a server gets at most {max} of memory.");
        }
    }
}
