using Portal.Domain.Validation;

namespace Portal.Domain.Library;

/// <summary>
/// One line of a hardware template: a resource type and a quantity (both mandatory), optionally the bounds
/// a requester may choose within (minimum, maximum, step), and attributes that matter for its type.
/// Bounds are in the requirement's own unit.
/// </summary>
public sealed record ResourceRequirement
{
    public required ResourceType Type { get; init; }

    /// <summary>The default amount, used when the requester does not choose.</summary>
    public required decimal Quantity { get; init; }

    public ResourceUnit Unit { get; init; } = ResourceUnit.Count;

    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }

    /// <summary>Choices must be a whole number of steps above the minimum (or above zero).</summary>
    public decimal? Step { get; init; }

    /// <summary>Disks: the bus the image expects.</summary>
    public DiskBus? Bus { get; init; }

    /// <summary>Network adapters: the network name it connects to.</summary>
    public string? Network { get; init; }

    public Quantity Amount => new(Quantity, Unit);

    public bool IsAdjustable => Minimum is not null || Maximum is not null;

    public static bool IsSizeType(ResourceType type) => type is ResourceType.Memory or ResourceType.Disk;

    /// <summary>Checks the requirement on its own; <paramref name="field"/> prefixes every error's field.</summary>
    public IEnumerable<ValidationError> Validate(string field)
    {
        if (!Enum.IsDefined(Type))
        {
            yield return new ValidationError($"{field}.type", "Choose a resource type.");
            yield break;
        }

        var wantsSize = IsSizeType(Type);
        if (wantsSize && Unit == ResourceUnit.Count)
        {
            yield return new ValidationError($"{field}.unit", $"{DisplayNames.Of(Type)} is a size: give it in MiB, GiB or TiB, not as a count.");
        }
        else if (!wantsSize && Unit != ResourceUnit.Count)
        {
            yield return new ValidationError($"{field}.unit", $"{DisplayNames.Of(Type)} is counted: its unit must be Count, not {Unit}.");
        }

        if (Quantity <= 0)
        {
            yield return new ValidationError($"{field}.quantity", "The quantity must be greater than zero.");
        }
        else if (!wantsSize && Quantity != decimal.Truncate(Quantity))
        {
            yield return new ValidationError($"{field}.quantity", $"{DisplayNames.Of(Type)} is counted in whole units.");
        }

        if (Minimum is <= 0)
        {
            yield return new ValidationError($"{field}.minimum", "The minimum must be greater than zero.");
        }

        if (Maximum is not null && Minimum is not null && Maximum < Minimum)
        {
            yield return new ValidationError($"{field}.maximum", "The maximum must not be less than the minimum.");
        }

        if (Minimum is not null && Quantity < Minimum)
        {
            yield return new ValidationError($"{field}.quantity", "The default quantity is below the minimum.");
        }

        if (Maximum is not null && Quantity > Maximum)
        {
            yield return new ValidationError($"{field}.quantity", "The default quantity is above the maximum.");
        }

        if (Step is not null)
        {
            if (Step <= 0)
            {
                yield return new ValidationError($"{field}.step", "The step must be greater than zero.");
            }
            else if (!IsOnStep(Quantity))
            {
                yield return new ValidationError($"{field}.quantity", $"The default quantity is not a multiple of the step {Step} from {Minimum ?? 0}.");
            }
        }

        if (Bus is not null && Type != ResourceType.Disk)
        {
            yield return new ValidationError($"{field}.bus", "Only a disk has a bus.");
        }

        if (Network is not null && Type != ResourceType.NetworkAdapter)
        {
            yield return new ValidationError($"{field}.network", "Only a network adapter has a network.");
        }
    }

    /// <summary>Checks a requester's choice against the bounds; the choice is in the requirement's unit.</summary>
    public IEnumerable<ValidationError> ValidateChoice(decimal choice, string field)
    {
        if (choice <= 0)
        {
            yield return new ValidationError(field, $"Choose a {DisplayNames.InSentence(Type)} quantity greater than zero.");
            yield break;
        }

        if (!IsAdjustable && choice != Quantity)
        {
            yield return new ValidationError(field, $"This image's {DisplayNames.InSentence(Type)} is fixed at {Amount}.");
            yield break;
        }

        if (Minimum is not null && choice < Minimum)
        {
            yield return new ValidationError(field, $"{DisplayNames.Of(Type)} must be at least {new Quantity(Minimum.Value, Unit)}.");
        }
        else if (Maximum is not null && choice > Maximum)
        {
            yield return new ValidationError(field, $"{DisplayNames.Of(Type)} must be at most {new Quantity(Maximum.Value, Unit)}.");
        }
        else if (!IsSizeType(Type) && choice != decimal.Truncate(choice))
        {
            yield return new ValidationError(field, $"{DisplayNames.Of(Type)} is counted in whole units.");
        }
        else if (Step is > 0 && !IsOnStep(choice))
        {
            yield return new ValidationError(field, $"{DisplayNames.Of(Type)} goes in steps of {new Quantity(Step.Value, Unit)} from {new Quantity(Minimum ?? 0, Unit)}.");
        }
    }

    private bool IsOnStep(decimal value) => Step is not > 0 || (value - (Minimum ?? 0)) % Step.Value == 0;
}
