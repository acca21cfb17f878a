using Portal.Domain.Validation;

namespace Portal.Domain.Library;

/// <summary>
/// Turns an image, a target and a request into a deployment plan. Pure and deterministic: the same inputs
/// always give the same plan, and nothing here touches infrastructure.
/// </summary>
public static class DeploymentPlanner
{
    public static ValidationResult<DeploymentPlan> Plan(MasterImage image, Platform target, DeploymentRequest request)
    {
        var errors = new List<ValidationError>();
        if (!image.IsRequestable && !(request.AllowUnpublished && image.Lifecycle == ImageLifecycle.Draft))
        {
            errors.Add(new ValidationError("imageId", $"{image.Name} is {DisplayNames.InSentence(image.Lifecycle)}; only published images can be requested."));
        }

        if (image.AwaitingUpload.Count > 0)
        {
            errors.Add(new ValidationError("imageId", PendingUploads.Message(image)));
        }

        var compatibility = CompatibilityRules.Check(image, target);
        errors.AddRange(compatibility.Reasons.Select(r => new ValidationError("platformId", r.Message)));

        var hardware = image.Hardware.Instantiate(request.Hardware);
        errors.AddRange(hardware.Errors);
        if (hardware.IsValid)
        {
            errors.AddRange(FitsTarget(hardware.Value, target));
        }

        var software = image.Software.Configure(request.Parameters);
        errors.AddRange(software.Errors);

        if (errors.Count > 0)
        {
            return ValidationResult<DeploymentPlan>.Failure(errors);
        }

        var artifact = compatibility.Artifact!;
        var steps = Steps(target, hardware.Value, software.Value, artifact, compatibility.Conversion);
        return ValidationResult<DeploymentPlan>.Success(new DeploymentPlan(
            image.Id, target, compatibility.Route ?? CompatibilityRules.RouteOf(artifact.Provenance.CapturedFrom, target.Kind),
            hardware.Value, software.Value, artifact, compatibility.Conversion, steps));
    }

    private static IEnumerable<ValidationError> FitsTarget(HardwareConfiguration hardware, Platform target)
    {
        if (target.Capabilities.MaxVcpus is { } maxCpu && hardware.Vcpus > maxCpu)
        {
            yield return new ValidationError($"hardware.{ResourceType.Processor}", $"{target.Name} gives a server at most {maxCpu} vCPU.");
        }

        if (target.Capabilities.MaxMemory is { } maxMemory && hardware.Memory > maxMemory)
        {
            yield return new ValidationError($"hardware.{ResourceType.Memory}", $"{target.Name} gives a server at most {maxMemory} of memory.");
        }
    }

    private static List<DeploymentStep> Steps(
        Platform target, HardwareConfiguration hardware, SoftwareConfiguration software, ImageArtifact artifact, ArtifactConversion? conversion)
    {
        var steps = new List<(DeploymentStepKind Kind, string Description)>();
        if (conversion is not null)
        {
            steps.Add((DeploymentStepKind.ConvertArtifact, $"Convert the {DisplayNames.Of(conversion.From)} artifact to {DisplayNames.Of(conversion.To)} for {target.Name}"));
        }

        var written = DisplayNames.Of(conversion?.To ?? artifact.Format);
        if (target.Kind == PlatformKind.Virtual)
        {
            steps.Add((DeploymentStepKind.CreateVirtualMachine,
                $"Create a {DisplayNames.Of(hardware.Firmware)} virtual machine on {target.Name}: {hardware.Summary()}"));
            steps.Add((DeploymentStepKind.WriteImage, $"Write the {written} image to the virtual machine's disk"));
        }
        else
        {
            steps.Add((DeploymentStepKind.AllocatePhysicalServer,
                $"Reserve a physical server in {target.Name} with at least {hardware.Summary()}"));
            steps.Add((DeploymentStepKind.WriteImage, target.Technology == PlatformTechnology.RedfishVirtualMedia
                ? $"Boot the image writer from virtual media and write the {written} image"
                : $"Network-boot the image writer and write the {written} image"));
        }

        steps.Add((DeploymentStepKind.ConfigureSoftware, software.Family == OsFamily.Windows
            ? $"Apply the {software.OsLabel} answer file ({Settings(software)})"
            : $"Apply the {software.OsLabel} cloud-init configuration ({Settings(software)})"));
        steps.Add((DeploymentStepKind.PowerOn, "Power on and boot from disk"));
        return steps.Select((s, i) => new DeploymentStep(i + 1, s.Kind, s.Description)).ToList();
    }

    private static string Settings(SoftwareConfiguration software) => software.Settings.Count == 1 ? "1 setting" : $"{software.Settings.Count} settings";
}
