using Portal.Domain.Library;

namespace Portal.Web.Library;

/// <summary>One platform's verdict for an image, as <c>GET /api/images/{id}/compatibility</c> returns it.</summary>
public sealed record CompatibilityEntry(
    Guid PlatformId, string PlatformName, PlatformKind Kind, PlatformTechnology Technology, bool Compatible,
    IReadOnlyList<string> Reasons, ConversionDto? Conversion, MigrationRoute? Route, IReadOnlyList<string> Notes)
{
    public static CompatibilityEntry From(CompatibilityReport report) => new(
        report.Platform.Id, report.Platform.Name, report.Platform.Kind, report.Platform.Technology, report.Compatible,
        report.Reasons.Select(r => r.Message).ToList(),
        report.Conversion is { } c ? new ConversionDto(c.SourceArtifactId, c.From, c.To) : null,
        report.Route, report.Notes);
}

/// <summary>A conversion a deployment needs.</summary>
public sealed record ConversionDto(Guid SourceArtifactId, DiskFormat From, DiskFormat To);

/// <summary>The body of <c>POST /api/images/{id}/plan</c>.</summary>
public sealed record PlanRequest(Guid PlatformId, Dictionary<ResourceType, decimal>? Hardware, Dictionary<string, string?>? Parameters);

/// <summary>A deployment plan as the API shows it. Secret parameters appear masked, never with their value.</summary>
public sealed record PlanDto(
    Guid ImageId, Guid PlatformId, string PlatformName, MigrationRoute Route, string Hardware,
    IReadOnlyList<ResourceDto> Resources, CpuArchitecture Architecture, FirmwareType Firmware,
    string Os, IReadOnlyList<SettingDto> Parameters, Guid SourceArtifactId, DiskFormat WrittenFormat,
    ConversionDto? Conversion, IReadOnlyList<StepDto> Steps)
{
    public static PlanDto From(DeploymentPlan plan) => new(
        plan.ImageId, plan.Target.Id, plan.Target.Name, plan.Route, plan.Hardware.Summary(),
        plan.Hardware.Resources.Select(r => new ResourceDto(r.Type, r.Amount.Value, r.Amount.Unit, r.Amount.ToString(), r.Bus, r.Network)).ToList(),
        plan.Hardware.Architecture, plan.Hardware.Firmware, plan.Software.OsLabel,
        plan.Software.Settings.Select(s => new SettingDto(s.Name, s.Type, s.Display, s.IsSecret)).ToList(),
        plan.SourceArtifact.Id, plan.WrittenFormat,
        plan.Conversion is { } c ? new ConversionDto(c.SourceArtifactId, c.From, c.To) : null,
        plan.Steps.Select(s => new StepDto(s.Order, s.Kind, s.Description)).ToList());
}

/// <summary>A concrete resource of a plan.</summary>
public sealed record ResourceDto(ResourceType Type, decimal Quantity, ResourceUnit Unit, string Display, DiskBus? Bus, string? Network);

/// <summary>A parameter's value in a plan; <see cref="Value"/> is the mask for a secret.</summary>
public sealed record SettingDto(string Name, ParameterType Type, string Value, bool Secret);

/// <summary>A step of a plan.</summary>
public sealed record StepDto(int Order, DeploymentStepKind Kind, string Description);
