namespace Portal.Data.Quotas;

/// <summary>
/// What one user holds, all their charges summed: the row a reservation raises with a conditional UPDATE, so the
/// database decides between concurrent submissions. Its totals always equal the sum of the user's <see cref="QuotaChargeRecord"/>s.
/// </summary>
public sealed class QuotaUsageRecord
{
    public string UserName { get; set; } = "";

    public int Servers { get; set; }

    public int Vcpus { get; set; }

    public long MemoryMiB { get; set; }

    public int PhysicalServers { get; set; }
}
