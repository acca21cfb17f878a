using System.Globalization;
using Portal.Domain.Library;

namespace Portal.Web.Provisioning.Deployments;

/// <summary>One size a deployment may choose: the primary requirement of a resource type, prefilled with its default.</summary>
public sealed class SizeField(ResourceRequirement requirement)
{
    public ResourceType Type => requirement.Type;

    public ResourceUnit Unit => requirement.Unit;

    /// <summary>The key a refusal names this size by: <c>hardware.Processor</c>.</summary>
    public string Key => $"hardware.{Type}";

    public string Label => Type switch
    {
        ResourceType.Processor => "vCPU",
        ResourceType.Memory => $"Memory ({Unit})",
        ResourceType.Disk => $"System disk ({Unit})",
        ResourceType.NetworkAdapter => "Network adapters",
        ResourceType.Gpu => "GPUs",
        _ => DisplayNames.Of(Type),
    };

    /// <summary>False when the image fixes it: shown, not sent.</summary>
    public bool Adjustable => requirement.IsAdjustable;

    public decimal? Minimum => requirement.Minimum;

    public decimal? Maximum => requirement.Maximum;

    /// <summary>The increment the field moves by: the template's step, else one (counted) or one unit (sizes).</summary>
    public decimal Step => requirement.Step ?? 1;

    public decimal Value { get; set; } = requirement.Quantity;

    /// <summary>The template's default amount, preselected.</summary>
    public decimal Default => requirement.Quantity;

    /// <summary>"2 to 16 in steps of 2 · default 4", "fixed by the image".</summary>
    public string Bounds
    {
        get
        {
            if (!Adjustable)
            {
                return "fixed by the image";
            }

            var range = (Minimum, Maximum) switch
            {
                ({ } min, { } max) => $"{Number(min)} to {Number(max)}",
                ({ } min, null) => $"at least {Number(min)}",
                (null, { } max) => $"at most {Number(max)}",
                _ => "any",
            };
            return $"{range}{(requirement.Step is { } step ? $" in steps of {Number(step)}" : "")} · default {Number(requirement.Quantity)}";
        }
    }

    /// <summary>An amount of this resource as people read it: "4 vCPU", "8 GiB", "1".</summary>
    public string Display(decimal value) => Type == ResourceType.Processor
        ? $"{Number(value)} vCPU"
        : Unit == ResourceUnit.Count ? Number(value) : new Quantity(value, Unit).ToString();

    /// <summary>
    /// The choice the template allows nearest to <paramref name="value"/>: within the bounds, a whole number of
    /// steps above the minimum, whole for counted resources. A fixed resource keeps its amount.
    /// </summary>
    public decimal Nearest(decimal value)
    {
        if (!Adjustable)
        {
            return requirement.Quantity;
        }

        var least = Minimum ?? (requirement.Step ?? (ResourceRequirement.IsSizeType(Type) ? 0.01m : 1m));
        var chosen = Math.Max(value, least);
        if (requirement.Step is > 0 and var step)
        {
            var origin = Minimum ?? 0;
            chosen = origin + (Math.Round((chosen - origin) / step, MidpointRounding.AwayFromZero) * step);
            if (Maximum is { } top && chosen > top)
            {
                chosen -= step;
            }
        }
        else if (!ResourceRequirement.IsSizeType(Type))
        {
            chosen = Math.Round(chosen, MidpointRounding.AwayFromZero);
        }

        return Maximum is { } max && chosen > max ? max : chosen;
    }

    /// <summary>What the template says against a choice, in the domain's words; empty when it is allowed.</summary>
    public IReadOnlyList<string> Problems(decimal value) => requirement.ValidateChoice(value, Key).Select(e => e.Message).ToList();

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
