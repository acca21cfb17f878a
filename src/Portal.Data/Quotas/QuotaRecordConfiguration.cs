using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Quotas;

internal sealed class QuotaRecordConfiguration : IEntityTypeConfiguration<QuotaRecord>
{
    public void Configure(EntityTypeBuilder<QuotaRecord> quota)
    {
        quota.ToTable("Quotas");
        quota.HasKey(q => new { q.SubjectKind, q.Key });
        quota.Property(q => q.SubjectKind).HasConversion<string>().HasMaxLength(20);
        quota.Property(q => q.Key).HasMaxLength(256);
        quota.Property(q => q.Name).HasMaxLength(256).IsRequired();
        quota.Property(q => q.UpdatedBy).HasMaxLength(256);
    }
}
