using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Leases;

/// <summary>Portal:Leases — how often the lease keeper scans for reminders due and leases over.</summary>
public sealed class LeaseOptions
{
    public const string Section = "Portal:Leases";

    /// <summary>Seconds between two scans (a minute; tests shorten it). Every node scans; the claims keep them from doubling anything.</summary>
    [Range(0.01, 86400)]
    public double ScanIntervalSeconds { get; set; } = 60;

    public TimeSpan ScanInterval => TimeSpan.FromSeconds(ScanIntervalSeconds);
}
