using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Web.Provisioning.Inventory;

/// <summary>How much of one capacity is allocated, as a bar with the numbers above it; amber past 80 %, red past 95 %.</summary>
public sealed partial class UsageBar
{
    /// <summary>What is allocated, in the capacity's unit.</summary>
    [Parameter] public double Used { get; set; }

    /// <summary>The whole capacity.</summary>
    [Parameter] public double Capacity { get; set; }

    /// <summary>The numbers as people read them ("12 / 64").</summary>
    [Parameter] public string Text { get; set; } = "";

    /// <summary>A tooltip explaining the capacity, if any.</summary>
    [Parameter] public string? Title { get; set; }

    /// <summary>The data-testid of the bar, so tests find one measure of one host.</summary>
    [Parameter] public string? TestId { get; set; }

    private Color BarColor => ProvisioningText.Percent(Used, Capacity) switch
    {
        > 95 => Color.Error,
        > 80 => Color.Warning,
        _ => Color.Primary,
    };
}
