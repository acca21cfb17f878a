namespace Portal.Pages.Bench;

/// <summary>The list pages of the issue ("pages at scale"), as an admin opens them; each row carries the test id the selector names.</summary>
public static class BenchPages
{
    public static IReadOnlyList<BenchPage> All { get; } =
    [
        new("library", "/library", "[data-testid=image-link]"),
        new("inventory", "/admin/inventory", "[data-testid=server-name]"),
        new("servers", "/admin/servers", "[data-testid=server-name]"),
        new("deployments", "/admin/deployments", "[data-testid=deployment-link]"),
        new("instances", "/admin/workflows/instances", "[data-testid=instance-link]"),
        new("users", "/admin/users", "[data-testid=user-email]"),
    ];
}
