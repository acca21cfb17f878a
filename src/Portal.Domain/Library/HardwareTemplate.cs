using Portal.Domain.Validation;

namespace Portal.Domain.Library;

/// <summary>
/// What hardware an image needs, independent of where it runs. Instantiated at deployment time, with the
/// requester's choices, into a <see cref="HardwareConfiguration"/>.
/// </summary>
public sealed record HardwareTemplate
{
    public required IReadOnlyList<ResourceRequirement> Requirements { get; init; }

    public CpuArchitecture Architecture { get; init; } = CpuArchitecture.X86_64;

    public FirmwareType Firmware { get; init; } = FirmwareType.Bios;

    /// <summary>The first requirement of a type: the one a requester's choice for that type adjusts.</summary>
    public ResourceRequirement? Primary(ResourceType type) => Requirements.FirstOrDefault(r => r.Type == type);

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (Requirements.Count == 0)
        {
            errors.Add(new ValidationError("requirements", "A template needs at least a processor and memory."));
            return errors;
        }

        for (var i = 0; i < Requirements.Count; i++)
        {
            errors.AddRange(Requirements[i].Validate($"requirements[{i}]"));
        }

        foreach (var single in new[] { ResourceType.Processor, ResourceType.Memory })
        {
            var indexes = Requirements.Select((r, i) => (r, i)).Where(x => x.r.Type == single).Select(x => x.i).ToList();
            if (indexes.Count == 0)
            {
                errors.Add(new ValidationError("requirements", $"A template needs a {DisplayNames.InSentence(single)} requirement."));
            }

            foreach (var extra in indexes.Skip(1))
            {
                errors.Add(new ValidationError($"requirements[{extra}].type", $"Only one {DisplayNames.InSentence(single)} requirement is allowed; adjust the first one's quantity instead."));
            }
        }

        return errors;
    }

    /// <summary>
    /// The concrete hardware for a deployment: each choice (keyed by resource type, in the requirement's unit)
    /// replaces the default of the primary requirement of that type, after it is checked against the bounds.
    /// </summary>
    public ValidationResult<HardwareConfiguration> Instantiate(IReadOnlyDictionary<ResourceType, decimal>? choices = null)
    {
        var errors = Validate().ToList();
        if (errors.Count > 0)
        {
            return ValidationResult<HardwareConfiguration>.Failure(errors);
        }

        choices ??= new Dictionary<ResourceType, decimal>();
        foreach (var (type, _) in choices)
        {
            if (Primary(type) is null)
            {
                errors.Add(new ValidationError($"hardware.{type}", $"This image has no {DisplayNames.InSentence(type)} to size."));
            }
        }

        var resources = new List<ConcreteResource>();
        var chosen = new HashSet<ResourceType>();
        foreach (var requirement in Requirements)
        {
            var amount = requirement.Quantity;
            if (chosen.Add(requirement.Type) && choices.TryGetValue(requirement.Type, out var choice))
            {
                errors.AddRange(requirement.ValidateChoice(choice, $"hardware.{requirement.Type}"));
                amount = choice;
            }

            resources.Add(new ConcreteResource(requirement.Type, new Quantity(amount, requirement.Unit), requirement.Bus, requirement.Network));
        }

        return errors.Count > 0
            ? ValidationResult<HardwareConfiguration>.Failure(errors)
            : ValidationResult<HardwareConfiguration>.Success(new HardwareConfiguration(resources, Architecture, Firmware));
    }

    /// <summary>
    /// The template of a captured machine: each resource it has becomes a requirement of that amount, without
    /// bounds, so deploying the capture unchanged gives the same hardware (P2V keeps the server's shape).
    /// </summary>
    public static HardwareTemplate Of(HardwareConfiguration hardware) => new()
    {
        Requirements = hardware.Resources.Select(r => new ResourceRequirement
        {
            Type = r.Type, Quantity = r.Amount.Value, Unit = r.Amount.Unit, Bus = r.Bus, Network = r.Network,
        }).ToList(),
        Architecture = hardware.Architecture,
        Firmware = hardware.Firmware,
    };

    /// <summary>"4 vCPU · 8 GiB · 80 GiB": what a catalogue card shows.</summary>
    public string Summary() => HardwareSummary.Describe(Requirements.Select(r => (r.Type, r.Amount)));
}
