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

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
