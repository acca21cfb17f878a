using Portal.Domain.Library;
using Portal.Web.Library;
using Portal.Web.Provisioning.Deployments;

namespace Portal.Web.Catalog;

/// <summary>The wizard's size step: each adjustable resource of the template within its bounds, the fixed ones shown.</summary>
public sealed partial class SizeStep
{
    private async Task ResizeAsync(SizeField size, decimal value)
    {
        Form.Resize(size, value);
        await ChangedAsync();
    }

    private static string Title(SizeField size) => size.Type switch
    {
        ResourceType.Processor => "Processors",
        ResourceType.Disk => "System disk",
        ResourceType.NetworkAdapter => "Network adapters",
        ResourceType.Gpu => "GPUs",
        _ => LibraryText.Resource(size.Type),
    };

    private static string Unit(SizeField size) => size.Type == ResourceType.Processor ? "vCPU" : size.Unit == ResourceUnit.Count ? "" : size.Unit.ToString();

    /// <summary>"2 vCPU to 16 vCPU · default 4 vCPU", "in steps of 2" when the template has a step.</summary>
    private static string Bounds(SizeField size)
    {
        var range = (size.Minimum, size.Maximum) switch
        {
            ({ } min, { } max) => $"{size.Display(min)} to {size.Display(max)}",
            ({ } min, null) => $"At least {size.Display(min)}",
            (null, { } max) => $"At most {size.Display(max)}",
            _ => "Any amount",
        };
        var step = size.Step != 1 ? $", in steps of {size.Display(size.Step)}" : "";
        return $"{range}{step} · default {size.Display(size.Default)}";
    }
}
