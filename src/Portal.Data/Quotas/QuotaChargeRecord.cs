namespace Portal.Data.Quotas;

/// <summary>One server's share of its requester's quota, held from the request's submission until it is given back.</summary>
public sealed class QuotaChargeRecord
{
    public Guid DeploymentId { get; set; }

    public Guid RequestId { get; set; }

    public string UserName { get; set; } = "";

    public int Vcpus { get; set; }

    public long MemoryMiB { get; set; }

    public bool Physical { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
