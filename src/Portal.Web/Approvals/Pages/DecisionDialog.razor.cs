using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Web.Approvals.Pages;

/// <summary>
/// Asks for the comment of a decision on one or several requests before it is made: required to reject (an empty
/// one is refused next to the field), optional to approve. Closes with the comment ("" for none).
/// </summary>
public sealed partial class DecisionDialog
{
    /// <summary>The longest comment the portal records.</summary>
    public const int MaxComment = 2000;

    private string? comment;
    private string? error;

    /// <summary>Approve or reject.</summary>
    [Parameter] public DecisionChoice Choice { get; set; }

    /// <summary>The requests decided on, as the inbox labels them.</summary>
    [Parameter] public IReadOnlyList<string> Labels { get; set; } = [];

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    private string ConfirmText => (Choice, Labels.Count) switch
    {
        (DecisionChoice.Reject, 1) => "Reject",
        (DecisionChoice.Reject, var n) => $"Reject {n} requests",
        (_, 1) => "Approve",
        (_, var n) => $"Approve {n} requests",
    };

    private void CommentChanged(string? value)
    {
        comment = value;
        if (!string.IsNullOrWhiteSpace(value))
        {
            error = null;
        }
    }

    private void Confirm()
    {
        if (Choice == DecisionChoice.Reject && string.IsNullOrWhiteSpace(comment))
        {
            error = BulkDecision.CommentNeeded;
            return;
        }

        Dialog.Close(DialogResult.Ok(comment?.Trim() ?? ""));
    }
}
