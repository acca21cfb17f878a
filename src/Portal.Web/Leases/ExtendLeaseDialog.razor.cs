using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Web.Leases;

/// <summary>Asks how many days to add to a lease, within what the policy allows from today; closes with the days.</summary>
public sealed partial class ExtendLeaseDialog
{
    private int days = 7;

    [Parameter, EditorRequired] public required string ServerName { get; set; }

    [Parameter] public DateTimeOffset EndsAt { get; set; }

    /// <summary>The latest end an extension asked now may reach.</summary>
    [Parameter] public DateTimeOffset LatestEnd { get; set; }

    [Parameter] public int MaxDays { get; set; }

    /// <summary>Whether an approver decides (the policy asks for it and the viewer is not an admin).</summary>
    [Parameter] public bool NeedsApproval { get; set; }

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    /// <summary>Whole days that still fit before the latest end.</summary>
    private int Room => (int)Math.Floor((LatestEnd - EndsAt).TotalDays);

    protected override void OnParametersSet() => days = Math.Clamp(days, 1, Math.Max(1, Room));

    private void Extend() => Dialog.Close(DialogResult.Ok(days));
}
