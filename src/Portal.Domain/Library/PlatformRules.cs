using Portal.Domain.Validation;

namespace Portal.Domain.Library;

/// <summary>What makes a platform definition usable.</summary>
public static class PlatformRules
{
    private static readonly PlatformTechnology[] PhysicalTechnologies =
        [PlatformTechnology.Pxe, PlatformTechnology.RedfishVirtualMedia, PlatformTechnology.Simulated];

    private static readonly PlatformTechnology[] VirtualTechnologies =
        [PlatformTechnology.Kvm, PlatformTechnology.VSphere, PlatformTechnology.HyperV, PlatformTechnology.VirtualBox, PlatformTechnology.Simulated];

    public static IEnumerable<ValidationError> Validate(Platform platform)
    {
        if (string.IsNullOrWhiteSpace(platform.Name))
        {
            yield return new ValidationError("name", "Give the platform a name.");
        }

        var allowed = platform.Kind == PlatformKind.Physical ? PhysicalTechnologies : VirtualTechnologies;
        if (!allowed.Contains(platform.Technology))
        {
            yield return new ValidationError("technology",
                $"A {DisplayNames.InSentence(platform.Kind)} platform runs on {string.Join(", ", allowed.Select(DisplayNames.Of))}, not {DisplayNames.Of(platform.Technology)}.");
        }

        var capabilities = platform.Capabilities;
        if (capabilities.DiskFormats.Count == 0)
        {
            yield return new ValidationError("capabilities.diskFormats", "Name at least one disk format the platform takes.");
        }

        if (capabilities.Firmware.Count == 0)
        {
            yield return new ValidationError("capabilities.firmware", "Name at least one firmware mode.");
        }

        if (capabilities.Architectures.Count == 0)
        {
            yield return new ValidationError("capabilities.architectures", "Name at least one architecture.");
        }

        if (capabilities.MaxVcpus is <= 0)
        {
            yield return new ValidationError("capabilities.maxVcpus", "The vCPU limit must be greater than zero.");
        }

        if (capabilities.MaxMemory is { } memory && (!memory.IsSize || memory.Value <= 0))
        {
            yield return new ValidationError("capabilities.maxMemory", "The memory limit must be a size greater than zero.");
        }

        foreach (var error in PlatformConnectionRules.Validate(platform))
        {
            yield return error;
        }
    }
}
