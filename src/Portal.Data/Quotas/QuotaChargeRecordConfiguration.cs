using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Quotas;

internal sealed class QuotaChargeRecordConfiguration : IEntityTypeConfiguration<QuotaChargeRecord>
{
    public void Configure(EntityTypeBuilder<QuotaChargeRecord> charge)
    {
        charge.ToTable("QuotaCharges");
        // One share per deployment: a second charge of it cannot be inserted.
        charge.HasKey(c => c.DeploymentId);
        charge.Property(c => c.UserName).HasMaxLength(256);
        charge.HasIndex(c => c.UserName);
        charge.HasIndex(c => c.RequestId);
    }
}
