namespace Portal.Provisioning.Drivers;

/// <summary>
/// What a connection test found: whether every target answered, a sentence for the admin, and one line per
/// target reached (a hypervisor's version and host, a BMC's system and power state) or the error it gave.
/// </summary>
public sealed record ConnectionTestResult(bool Succeeded, bool Simulated, string Summary, IReadOnlyList<string> Details)
{
    public static ConnectionTestResult Success(string summary, params IReadOnlyList<string> details) => new(true, false, summary, details);

    public static ConnectionTestResult Failure(string summary, params IReadOnlyList<string> details) => new(false, false, summary, details);
}
