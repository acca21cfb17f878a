using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Leases;

internal sealed class ServerLeaseRecordConfiguration : IEntityTypeConfiguration<ServerLeaseRecord>
{
    public void Configure(EntityTypeBuilder<ServerLeaseRecord> lease)
    {
        lease.ToTable("ServerLeases");
        lease.HasKey(l => l.DeploymentId);
        lease.Property(l => l.Owner).HasMaxLength(256).IsRequired();
        lease.Property(l => l.ServerName).HasMaxLength(200);
        lease.Property(l => l.PolicySource).HasMaxLength(600).IsRequired();
        lease.Property(l => l.DecommissionInstanceId).HasMaxLength(100);
        lease.Property(l => l.PendingBy).HasMaxLength(256);
        lease.Property(l => l.PendingInstanceId).HasMaxLength(100);
        lease.HasIndex(l => l.ServerId);
        lease.HasIndex(l => l.EndsAt);
        lease.HasIndex(l => l.RemindAt);
        lease.HasIndex(l => l.DecommissionAt);
    }
}
