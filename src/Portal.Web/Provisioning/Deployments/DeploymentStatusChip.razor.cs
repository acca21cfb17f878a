using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Deployments;

namespace Portal.Web.Provisioning.Deployments;

/// <summary>A deployment's status as a coloured chip: blue while it runs, green when the server is up, red when it failed.</summary>
public sealed partial class DeploymentStatusChip
{
    /// <summary>The status to show.</summary>
    [Parameter] public DeploymentStatus Status { get; set; }

    /// <summary>The chip size; small in lists, medium in headers.</summary>
    [Parameter] public Size Size { get; set; } = Size.Small;
}
