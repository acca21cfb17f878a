using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Quotas;

internal sealed class QuotaUsageRecordConfiguration : IEntityTypeConfiguration<QuotaUsageRecord>
{
    public void Configure(EntityTypeBuilder<QuotaUsageRecord> usage)
    {
        usage.ToTable("QuotaUsage");
        usage.HasKey(u => u.UserName);
        usage.Property(u => u.UserName).HasMaxLength(256);
    }
}
