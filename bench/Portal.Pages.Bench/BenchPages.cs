namespace Portal.Pages.Bench;

/// <summary>The list pages of the issue ("pages at scale"), as an admin opens them.</summary>
public static class BenchPages
{
    public static IReadOnlyList<BenchPage> All { get; } =
    [
        new("library", "/library", "[data-testid=image-link]"),
        new("inventory", "/admin/inventory", "[data-testid=servers] tbody tr"),
        new("servers", "/admin/servers", "[data-testid=server-name]"),
        new("deployments", "/admin/deployments", "[data-testid=deployment-link]"),
        new("instances", "/admin/workflows/instances", "[data-testid=instance-link]"),
        new("users", "/admin/users", "table tbody tr"),
    ];
}
