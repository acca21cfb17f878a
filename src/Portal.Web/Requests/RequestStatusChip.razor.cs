using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Requests;

namespace Portal.Web.Requests;

/// <summary>A request's status as a coloured chip: amber while it waits for a decision, blue while it is built, green when done, red when refused or failed.</summary>
public sealed partial class RequestStatusChip
{
    /// <summary>The status to show.</summary>
    [Parameter] public RequestStatus Status { get; set; }

    /// <summary>The chip size; small in lists, medium in headers.</summary>
    [Parameter] public Size Size { get; set; } = Size.Small;
}
