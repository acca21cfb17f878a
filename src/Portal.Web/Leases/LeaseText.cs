using MudBlazor;
using Portal.Domain.Leases;
using Portal.Web.Requests;

namespace Portal.Web.Leases;

/// <summary>A lease in words and colours, for the servers pages.</summary>
public static class LeaseText
{
    /// <summary>"Ends in 23 days", "Ended 2 days ago", "Starts when the server is built".</summary>
    public static string Ends(ServerLease lease, DateTimeOffset now) => lease.EndsAt is { } end
        ? end > now ? $"Ends {RelativeTime.Describe(end, now)}" : $"Ended {RelativeTime.Describe(end, now)}"
        : "Starts when the server is built";

    public static string State(LeaseState state) => state switch
    {
        LeaseState.EndingSoon => "Ending soon",
        LeaseState.InGrace => "In grace period",
        LeaseState.ExtensionPending => "Extension asked",
        LeaseState.Ended => "Ended",
        LeaseState.NotStarted => "Not started",
        _ => "Active",
    };

    public static Color StateColor(LeaseState state) => state switch
    {
        LeaseState.EndingSoon or LeaseState.ExtensionPending => Color.Warning,
        LeaseState.InGrace or LeaseState.Ended => Color.Error,
        _ => Color.Default,
    };

    /// <summary>What happens next, for the tooltip: the exact end, and when the server is decommissioned.</summary>
    public static string Detail(ServerLease lease) => lease.EndsAt is { } end
        ? $"Ends {RelativeTime.Exact(end)}; decommissioned {RelativeTime.Exact(lease.DecommissionAt ?? end)} unless extended. Terms: {lease.PolicySource}."
        : $"{lease.Days} days from the server's creation. Terms: {lease.PolicySource}.";
}
