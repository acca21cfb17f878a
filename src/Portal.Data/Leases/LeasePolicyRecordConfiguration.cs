using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Leases;

internal sealed class LeasePolicyRecordConfiguration : IEntityTypeConfiguration<LeasePolicyRecord>
{
    public void Configure(EntityTypeBuilder<LeasePolicyRecord> policy)
    {
        policy.ToTable("LeasePolicies");
        policy.HasKey(p => p.Key);
        policy.Property(p => p.Key).HasMaxLength(300);
        policy.Property(p => p.Scope).HasConversion<string>().HasMaxLength(20);
        policy.Property(p => p.Subject).HasMaxLength(256).IsRequired();
        policy.Property(p => p.SubjectName).HasMaxLength(300).IsRequired();
        policy.Property(p => p.UpdatedBy).HasMaxLength(256).IsRequired();
    }
}
