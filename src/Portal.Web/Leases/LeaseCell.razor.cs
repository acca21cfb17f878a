using Microsoft.AspNetCore.Components;
using Portal.Domain.Deployments;
using Portal.Domain.Leases;

namespace Portal.Web.Leases;

/// <summary>A server's lease in a list: when it ends, its state when it needs attention, and the Extend button.</summary>
public sealed partial class LeaseCell
{
    private LeaseState state;

    /// <summary>The server's lease; none for a server deployed before leases existed.</summary>
    [Parameter] public ServerLease? Lease { get; set; }

    /// <summary>The server's status: only a running or stopped server's lease is extended.</summary>
    [Parameter] public ServerStatus Status { get; set; }

    [Parameter] public DateTimeOffset Now { get; set; }

    /// <summary>Whether the viewer may extend it (its owner or an admin).</summary>
    [Parameter] public bool MayExtend { get; set; }

    [Parameter] public bool Disabled { get; set; }

    [Parameter] public EventCallback<ServerLease> OnExtend { get; set; }

    private bool CanExtend => MayExtend && Lease is { EndsAt: not null } && state is not (LeaseState.Ended or LeaseState.ExtensionPending)
        && Status is ServerStatus.Running or ServerStatus.Stopped;

    protected override void OnParametersSet() => state = Lease is null ? LeaseState.Active : LeaseStates.Of(Lease, Now);
}
