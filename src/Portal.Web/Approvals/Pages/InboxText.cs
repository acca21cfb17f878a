using System.Globalization;
using Portal.Domain.Inventory;
using Portal.Domain.Requests;
using Portal.Web.Requests;

namespace Portal.Web.Approvals.Pages;

/// <summary>How the approvals page words an inbox item: which servers, how big, where, and since and until when.</summary>
public static class InboxText
{
    /// <summary>How many host names a label lists before it says how many more there are.</summary>
    private const int NamesShown = 3;

    /// <summary>Within this much of its expiry a task is shown in warning colour.</summary>
    public static readonly TimeSpan DueSoon = TimeSpan.FromDays(1);

    /// <summary>"web-01", "web-01, web-02", "web-01, web-02, web-03 and 2 more"; the image without host names; the task's title without a request.</summary>
    public static string Label(InboxItem item) => item.Request switch
    {
        null => item.Title,
        { Hostnames.Count: 0 } request => request.ImageName,
        { Hostnames: var names } => names.Count <= NamesShown
            ? string.Join(", ", names)
            : $"{string.Join(", ", names.Take(NamesShown))} and {names.Count - NamesShown} more",
    };

    /// <summary>"web-01 request" for one name; "the request for web-01, web-02" for several (what a snackbar says was decided).</summary>
    public static string Request(InboxItem item) => item.Request is { Hostnames.Count: > 1 }
        ? $"the request for {Label(item)}"
        : $"{Label(item)} request";

    /// <summary>"Ubuntu 24.04 1.0" for one server, "3 × Ubuntu 24.04 1.0" for several.</summary>
    public static string What(RequestSummary request) =>
        request.Quantity == 1 ? request.ImageName : $"{request.Quantity} × {request.ImageName}";

    /// <summary>The whole request: "8 vCPU · 16 GiB memory · 80 GiB disk".</summary>
    public static string Size(RequestDemand demand) =>
        $"{demand.Vcpus} vCPU · {Memory(demand.MemoryMiB)} memory · {demand.DiskGiB} GiB disk";

    /// <summary>One server of several: "2 vCPU · 4 GiB · 20 GiB each"; nothing for a single server.</summary>
    public static string? EachServer(RequestDemand demand) => demand.Servers <= 1
        ? null
        : $"{demand.Vcpus / demand.Servers} vCPU · {Memory(demand.MemoryMiB / demand.Servers)} · {demand.DiskGiB / demand.Servers} GiB each";

    /// <summary>"Virtual machine on KVM Frankfurt", "Physical server, any bare-metal pool", "Virtual or physical, any platform".</summary>
    public static string Where(InboxItem item) => (item.Placement, item.PlatformName) switch
    {
        (Placement.Virtual, { } platform) => $"Virtual machine on {platform}",
        (Placement.Virtual, null) => "Virtual machine, any virtual platform",
        (Placement.Physical, { } platform) => $"Physical server in {platform}",
        (Placement.Physical, null) => "Physical server, any bare-metal pool",
        (_, { } platform) => $"Virtual or physical, on {platform}",
        _ => "Virtual or physical, any platform",
    };

    /// <summary>"waiting 5 min", "waiting 2 h", "waiting 3 days".</summary>
    public static string Waiting(DateTimeOffset since, DateTimeOffset now) =>
        now - since < TimeSpan.FromMinutes(1) ? "waiting since just now" : $"waiting {Duration(now - since)}";

    /// <summary>"expires in 2 days", "expires in 3 h", "expired": when the workflow stops waiting for a decision.</summary>
    public static string Expires(DateTimeOffset due, DateTimeOffset now) =>
        due <= now ? "expired: the request ends unless decided now" : $"expires in {Duration(due - now)}";

    public static bool IsDueSoon(DateTimeOffset? due, DateTimeOffset now) => due is { } at && at - now < DueSoon;

    /// <summary>"less than a minute", "12 min", "5 h" (rounded down), "3 days" (to the nearest day), as people say it.</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        _ when span < TimeSpan.FromMinutes(1) => "less than a minute",
        _ when span < TimeSpan.FromHours(1) => $"{(int)span.TotalMinutes} min",
        _ when span < TimeSpan.FromHours(48) => $"{(int)span.TotalHours} h",
        _ => $"{(int)Math.Round(span.TotalDays, MidpointRounding.AwayFromZero)} days",
    };

    /// <summary>"2026-05-04 14:03 UTC": the server has no idea of the reader's time zone, so it says which one it uses.</summary>
    public static string Time(DateTimeOffset at) => Requests.RelativeTime.Exact(at);

    private static string Memory(long mib) => mib % 1024 == 0 || mib >= 10 * 1024
        ? $"{mib / 1024} GiB"
        : $"{mib} MiB";
}
